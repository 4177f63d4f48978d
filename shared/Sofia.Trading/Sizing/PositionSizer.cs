namespace Sofia.Trading.Sizing;

/// <summary>
/// Turns equity and market state into a target position size (base units, non-negative; the strategy picks the
/// direction). Every sizer multiplies its raw size by <see cref="KFactor"/> (0..1, the ramp the paper OMS raises as a
/// strategy earns trust) and then rounds with <see cref="Lot"/>. Invalid inputs (non-positive equity or price, missing
/// volatility or ATR) size to zero rather than throw, so a cold start never trades by accident.
/// </summary>
public abstract class PositionSizer
{
    /// <summary>Creates a sizer with a K-factor in [0, 1] and lot rounding.</summary>
    protected PositionSizer(decimal kFactor, LotSize lot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kFactor, 1m);
        KFactor = kFactor;
        Lot = lot;
    }

    /// <summary>Scale applied to every size, in [0, 1].</summary>
    public decimal KFactor { get; }

    /// <summary>Lot rounding applied last.</summary>
    public LotSize Lot { get; }

    /// <summary>The position size in base units: <c>Lot.Round(KFactor · raw size)</c>.</summary>
    public decimal Quantity(in SizingInput input)
    {
        if (input.Equity <= 0m || input.Price <= 0m)
        {
            return 0m;
        }

        var raw = RawQuantity(input);
        return raw <= 0m ? 0m : Lot.Round(KFactor * raw);
    }

    /// <summary>The size before the K-factor and rounding; equity and price are positive here.</summary>
    protected abstract decimal RawQuantity(in SizingInput input);
}
