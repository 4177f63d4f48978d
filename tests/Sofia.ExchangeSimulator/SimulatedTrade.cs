namespace Sofia.ExchangeSimulator;

/// <summary>One trade of the simulated market, as the simulator recorded it: the truth every exchange format is rendered from.</summary>
/// <param name="Symbol">Canonical <c>BASE-QUOTE</c> symbol.</param>
/// <param name="TradeId">The per-symbol trade id; consecutive from 1.</param>
/// <param name="PriceMantissa">Price = mantissa × 10^−<paramref name="PriceScale"/>.</param>
/// <param name="PriceScale">Digits after the decimal point of the price.</param>
/// <param name="QuantityMantissa">Quantity = mantissa × 10^−<paramref name="QuantityScale"/>.</param>
/// <param name="QuantityScale">Digits after the decimal point of the quantity.</param>
/// <param name="TakerIsBuyer">Whether the aggressor (taker) bought.</param>
/// <param name="TimeUs">The exchange's trade time, UTC epoch microseconds, from the simulator's clock.</param>
public readonly record struct SimulatedTrade(
    string Symbol,
    long TradeId,
    long PriceMantissa,
    int PriceScale,
    long QuantityMantissa,
    int QuantityScale,
    bool TakerIsBuyer,
    long TimeUs)
{
    /// <summary>The exact price.</summary>
    public decimal Price => ToDecimal(PriceMantissa, PriceScale);

    /// <summary>The exact quantity.</summary>
    public decimal Quantity => ToDecimal(QuantityMantissa, QuantityScale);

    private static decimal ToDecimal(long mantissa, int scale) =>
        new((int)(uint)mantissa, (int)(uint)((ulong)mantissa >> 32), 0, false, (byte)scale);
}
