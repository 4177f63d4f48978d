namespace Sofia.Trading.Data;

/// <summary>Missing intervals between two consecutive bars.</summary>
/// <param name="StartUs">Open time of the first missing bar.</param>
/// <param name="MissingBars">How many intervals have no bar.</param>
/// <param name="RowAfter">1-based input row of the bar that ends the gap.</param>
public readonly record struct BarGap(long StartUs, long MissingBars, int RowAfter);
