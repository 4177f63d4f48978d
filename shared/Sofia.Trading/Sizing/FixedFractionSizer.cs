namespace Sofia.Trading.Sizing;

/// <summary>Holds a fixed fraction of equity: raw size = fraction · equity / price.</summary>
public sealed class FixedFractionSizer : PositionSizer
{
    /// <summary>Creates the sizer; <paramref name="fraction"/> may exceed 1 for leverage.</summary>
    public FixedFractionSizer(decimal fraction, decimal kFactor = 1m, LotSize lot = default)
        : base(kFactor, lot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        Fraction = fraction;
    }

    /// <summary>Fraction of equity held as notional.</summary>
    public decimal Fraction { get; }

    /// <inheritdoc/>
    protected override decimal RawQuantity(in SizingInput input) => Fraction * input.Equity / input.Price;
}
