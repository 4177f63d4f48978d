namespace Sofia.Optimization.Validation;

/// <summary>
/// Keeps the last bars of a series out of the search: the folds are cut from the bars before <see cref="Start"/>, and
/// the winners are run once more on [<see cref="Start"/>, end) with the <see cref="WarmUp"/> bars before it as warm-up,
/// so their final figures come from data no trial (and no selection) saw.
/// </summary>
/// <param name="Start">First held-out bar; the search uses bars [0, Start).</param>
/// <param name="WarmUp">Bars before <see cref="Start"/> fed to the strategy first (its training window).</param>
/// <param name="End">One past the last held-out bar.</param>
public sealed record Holdout(int Start, int WarmUp, int End)
{
    /// <summary>
    /// The last ⌊<paramref name="bars"/> · <paramref name="fraction"/>⌋ bars, warmed up on the
    /// <paramref name="warmUp"/> bars before them; null when <paramref name="fraction"/> is 0.
    /// </summary>
    public static Holdout? Last(int bars, double fraction, int warmUp)
    {
        if (fraction is < 0 or >= 0.5 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The holdout fraction must be in [0, 0.5).");
        }

        var held = (int)(bars * fraction);
        return held == 0 ? null : new Holdout(bars - held, Math.Min(warmUp, bars - held), bars);
    }

    /// <summary>The one fold that tests the holdout.</summary>
    public Fold Fold => new([new Segment(Start - WarmUp, Start)], new Segment(Start, End));
}
