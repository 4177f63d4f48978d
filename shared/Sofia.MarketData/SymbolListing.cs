namespace Sofia.MarketData;

/// <summary>A stored symbol and the exchanges it has trades from.</summary>
/// <param name="Symbol">The canonical symbol.</param>
/// <param name="Exchanges">The exchanges, in ordinal order.</param>
public sealed record SymbolListing(string Symbol, IReadOnlyList<string> Exchanges);
