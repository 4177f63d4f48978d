namespace Sofia.Trading.Sizing;

/// <summary>
/// Fractional Kelly: Kelly fraction f* = p − (1 − p) / b for win rate p and payoff ratio b (average win / average
/// loss); raw size = kelly fraction · f* · equity / price, zero when f* ≤ 0, capped at max leverage · equity / price.
/// </summary>
public sealed class KellySizer : PositionSizer
{
    /// <summary>Creates the sizer; <paramref name="kellyFraction"/> 0.5 is "half Kelly".</summary>
    public KellySizer(decimal winRate, decimal payoffRatio, decimal kellyFraction = 0.5m, decimal maxLeverage = 1m, decimal kFactor = 1m, LotSize lot = default)
        : base(kFactor, lot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(winRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(winRate, 1m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(payoffRatio);
        ArgumentOutOfRangeException.ThrowIfNegative(kellyFraction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLeverage);
        WinRate = winRate;
        PayoffRatio = payoffRatio;
        KellyFraction = kellyFraction;
        MaxLeverage = maxLeverage;
    }

    /// <summary>Probability of a winning trade.</summary>
    public decimal WinRate { get; }

    /// <summary>Average win divided by average loss (both positive).</summary>
    public decimal PayoffRatio { get; }

    /// <summary>Fraction of full Kelly to bet.</summary>
    public decimal KellyFraction { get; }

    /// <summary>Cap on notional / equity.</summary>
    public decimal MaxLeverage { get; }

    /// <summary>Full Kelly fraction f* = p − (1 − p) / b (may be negative: no edge).</summary>
    public decimal FullKelly => WinRate - ((1m - WinRate) / PayoffRatio);

    /// <inheritdoc/>
    protected override decimal RawQuantity(in SizingInput input)
    {
        var weight = Math.Min(KellyFraction * FullKelly, MaxLeverage);
        return weight <= 0m ? 0m : weight * input.Equity / input.Price;
    }
}
