namespace Sofia.Trading.Sizing;

/// <summary>
/// Scales exposure so the position's volatility matches a target: weight = min(target / realized, max leverage),
/// raw size = weight · equity / price. Both volatilities are annualized.
/// </summary>
public sealed class VolatilityTargetSizer : PositionSizer
{
    /// <summary>Creates the sizer.</summary>
    public VolatilityTargetSizer(double targetAnnualVolatility, decimal maxLeverage = 1m, decimal kFactor = 1m, LotSize lot = default)
        : base(kFactor, lot)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetAnnualVolatility);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLeverage);
        TargetAnnualVolatility = targetAnnualVolatility;
        MaxLeverage = maxLeverage;
    }

    /// <summary>Target annualized volatility of the position (0.2 = 20 %).</summary>
    public double TargetAnnualVolatility { get; }

    /// <summary>Cap on notional / equity.</summary>
    public decimal MaxLeverage { get; }

    /// <inheritdoc/>
    protected override decimal RawQuantity(in SizingInput input)
    {
        if (!(input.AnnualizedVolatility > 0) || double.IsInfinity(input.AnnualizedVolatility))
        {
            return 0m;
        }

        var ratio = TargetAnnualVolatility / input.AnnualizedVolatility;
        var weight = ratio >= (double)MaxLeverage ? MaxLeverage : (decimal)ratio;
        return weight * input.Equity / input.Price;
    }
}
