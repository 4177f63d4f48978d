namespace Sofia.TickWriter.Domain;

/// <summary>A stored symbol and the exchanges it has ticks from.</summary>
internal sealed record SymbolListing(string Symbol, IReadOnlyList<string> Exchanges);
