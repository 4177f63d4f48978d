namespace Sofia.ExchangeSimulator;

/// <summary>One simulated market: its canonical name, starting price, tick and lot sizes, and share of the trade rate.</summary>
/// <param name="Symbol">Canonical <c>BASE-QUOTE</c> symbol, e.g. <c>BTC-USDT</c>.</param>
/// <param name="InitialPrice">The first price.</param>
/// <param name="PriceDecimals">Digits after the decimal point of a price (the tick size is 10^−n).</param>
/// <param name="QuantityDecimals">Digits after the decimal point of a quantity (the lot size is 10^−n).</param>
/// <param name="TypicalQuantity">The median trade size in base units.</param>
/// <param name="Weight">The symbol's share of the total trade rate, relative to the other symbols.</param>
public sealed record SymbolSpec(string Symbol, decimal InitialPrice, int PriceDecimals, int QuantityDecimals, decimal TypicalQuantity, double Weight = 1.0)
{
    /// <summary>Realistic defaults by base asset (BTC: price 2 decimals, quantity 5), and a generic market otherwise.</summary>
    public static SymbolSpec Default(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var dash = symbol.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == symbol.Length - 1 || !string.Equals(symbol, symbol.ToUpperInvariant(), StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{symbol}' is not a canonical BASE-QUOTE symbol.", nameof(symbol));
        }

        return symbol[..dash] switch
        {
            "BTC" => new SymbolSpec(symbol, 60_000m, 2, 5, 0.01m, 1.0),
            "ETH" => new SymbolSpec(symbol, 3_000m, 2, 4, 0.2m, 0.6),
            "SOL" => new SymbolSpec(symbol, 150m, 2, 3, 5m, 0.4),
            "XRP" => new SymbolSpec(symbol, 0.6m, 4, 1, 500m, 0.3),
            "DOGE" => new SymbolSpec(symbol, 0.15m, 5, 0, 2_000m, 0.3),
            _ => new SymbolSpec(symbol, 100m, 2, 3, 1m, 0.2),
        };
    }
}
