namespace Sofia.Trading.Sizing;

/// <summary>
/// Exchange quantity rules: quantities are whole multiples of <see cref="Step"/> (rounded toward zero), and a
/// quantity below <see cref="Minimum"/> becomes zero. A zero step leaves quantities unrounded.
/// </summary>
/// <param name="Step">Quantity increment, e.g. 0.001; zero for none.</param>
/// <param name="Minimum">Smallest tradable quantity; zero for none.</param>
public readonly record struct LotSize(decimal Step, decimal Minimum)
{
    /// <summary>No rounding and no minimum.</summary>
    public static LotSize None => default;

    /// <summary>Rounds <paramref name="quantity"/> toward zero to the step, then applies the minimum (sign kept).</summary>
    public decimal Round(decimal quantity)
    {
        var magnitude = Math.Abs(quantity);
        if (Step > 0m)
        {
            magnitude = decimal.Floor(magnitude / Step) * Step;
        }

        if (magnitude < Minimum || magnitude == 0m)
        {
            return 0m;
        }

        return quantity < 0m ? -magnitude : magnitude;
    }
}
