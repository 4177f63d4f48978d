namespace Sofia.Trading.Metrics;

/// <summary>
/// The deepest drawdown of an equity curve and how long it lasted, in periods (bars). The curve's first point counts
/// as a peak. Duration runs from the peak to the first point back at or above it, or to the last point when the
/// curve never recovered.
/// </summary>
/// <param name="MaxDrawdown">Deepest fall from a running peak, positive fraction of that peak (0.25 = 25 %).</param>
/// <param name="PeakIndex">Index of the peak before the deepest fall.</param>
/// <param name="TroughIndex">Index of the deepest point.</param>
/// <param name="RecoveryIndex">First index at or above the peak after the trough; −1 when not recovered.</param>
/// <param name="DurationPeriods">Periods from the peak to recovery (or to the end) for the deepest drawdown.</param>
/// <param name="LongestDurationPeriods">Longest time below a previous peak of any drawdown, same rule.</param>
public readonly record struct DrawdownReport(
    double MaxDrawdown,
    int PeakIndex,
    int TroughIndex,
    int RecoveryIndex,
    int DurationPeriods,
    int LongestDurationPeriods)
{
    /// <summary>Analyzes an equity curve (values must be positive).</summary>
    public static DrawdownReport FromEquity(ReadOnlySpan<double> equity)
    {
        if (equity.IsEmpty)
        {
            return new DrawdownReport(double.NaN, -1, -1, -1, 0, 0);
        }

        int peak = 0, bestPeak = 0, bestTrough = 0, longest = 0;
        var worst = 0.0;
        var underwater = false;
        for (var i = 1; i < equity.Length; i++)
        {
            if (equity[i] >= equity[peak])
            {
                if (underwater)
                {
                    longest = Math.Max(longest, i - peak);
                    underwater = false;
                }

                peak = i;
                continue;
            }

            underwater = true;
            var depth = (equity[peak] - equity[i]) / equity[peak];
            if (depth > worst)
            {
                worst = depth;
                bestPeak = peak;
                bestTrough = i;
            }
        }

        if (underwater)
        {
            longest = Math.Max(longest, equity.Length - 1 - peak);
        }

        if (worst == 0)
        {
            return new DrawdownReport(0, -1, -1, -1, 0, 0);
        }

        var recovery = -1;
        for (var i = bestTrough + 1; i < equity.Length; i++)
        {
            if (equity[i] >= equity[bestPeak])
            {
                recovery = i;
                break;
            }
        }

        var duration = (recovery >= 0 ? recovery : equity.Length - 1) - bestPeak;
        return new DrawdownReport(worst, bestPeak, bestTrough, recovery, duration, longest);
    }
}
