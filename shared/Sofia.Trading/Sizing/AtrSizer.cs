namespace Sofia.Trading.Sizing;

/// <summary>
/// Risks a fixed fraction of equity on a stop placed a multiple of ATR away:
/// raw size = risk fraction · equity / (ATR multiple · ATR), optionally capped at max leverage · equity / price.
/// </summary>
public sealed class AtrSizer : PositionSizer
{
    /// <summary>Creates the sizer; <paramref name="maxLeverage"/> of zero leaves the size uncapped.</summary>
    public AtrSizer(decimal riskFraction, decimal atrMultiple, decimal maxLeverage = 0m, decimal kFactor = 1m, LotSize lot = default)
        : base(kFactor, lot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(riskFraction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atrMultiple);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLeverage);
        RiskFraction = riskFraction;
        AtrMultiple = atrMultiple;
        MaxLeverage = maxLeverage;
    }

    /// <summary>Fraction of equity lost if the stop is hit (0.01 = 1 %).</summary>
    public decimal RiskFraction { get; }

    /// <summary>Stop distance in ATRs.</summary>
    public decimal AtrMultiple { get; }

    /// <summary>Cap on notional / equity; zero for none.</summary>
    public decimal MaxLeverage { get; }

    /// <inheritdoc/>
    protected override decimal RawQuantity(in SizingInput input)
    {
        if (!(input.Atr > 0) || double.IsInfinity(input.Atr))
        {
            return 0m;
        }

        var quantity = RiskFraction * input.Equity / (AtrMultiple * (decimal)input.Atr);
        return MaxLeverage > 0m ? Math.Min(quantity, MaxLeverage * input.Equity / input.Price) : quantity;
    }
}
