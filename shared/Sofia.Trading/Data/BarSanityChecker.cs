using System.Globalization;

namespace Sofia.Trading.Data;

/// <summary>
/// Checks a bar series against <see cref="SanityRule"/>s and finds gaps and flat zero-volume runs. Strict mode
/// throws a <see cref="BarDataException"/> at the first bad row. Relaxed mode repairs in this order and reports
/// each repair: drop rows with a non-finite value, a non-positive price or a negative volume; sort by open
/// time (stable); drop later duplicates of an open time; clamp high and low to include open and close.
/// Gaps are any step between consecutive open times longer than the interval, reported with the first missing
/// open time and the number of missing intervals.
/// </summary>
public static class BarSanityChecker
{
    /// <summary>Checks <paramref name="bars"/>, spaced <paramref name="interval"/> apart when complete.</summary>
    public static SanityReport Check(IReadOnlyList<Bar> bars, TimeSpan interval, SanityMode mode)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var intervalUs = BarTime.IntervalUs(interval);
        return mode == SanityMode.Strict ? Strict(bars, intervalUs) : Relaxed(bars, intervalUs);
    }

    private static SanityReport Strict(IReadOnlyList<Bar> bars, long intervalUs)
    {
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            if (ValueRule(bar) is SanityRule valueRule)
            {
                throw new BarDataException(i + 1, valueRule, Describe(bar));
            }

            if (i > 0 && bar.OpenTimeUs <= bars[i - 1].OpenTimeUs)
            {
                var rule = bar.OpenTimeUs == bars[i - 1].OpenTimeUs ? SanityRule.DuplicateTimestamp : SanityRule.UnsortedTimestamp;
                throw new BarDataException(i + 1, rule, string.Create(CultureInfo.InvariantCulture, $"open time {bar.OpenTimeUs} µs after {bars[i - 1].OpenTimeUs} µs"));
            }

            if (ShapeRule(bar) is SanityRule shapeRule)
            {
                throw new BarDataException(i + 1, shapeRule, Describe(bar));
            }
        }

        var rows = new int[bars.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i + 1;
        }

        var copy = bars as Bar[] ?? [.. bars];
        return new SanityReport(copy, [], FindGaps(copy, rows, intervalUs), FindFlatRuns(copy, rows));
    }

    private static SanityReport Relaxed(IReadOnlyList<Bar> bars, long intervalUs)
    {
        var issues = new List<SanityIssue>();
        var kept = new List<(Bar Bar, int Row)>(bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            if (ValueRule(bars[i]) is SanityRule rule)
            {
                issues.Add(new SanityIssue(i + 1, bars[i].OpenTimeUs, rule, SanityRepair.Dropped));
            }
            else
            {
                kept.Add((bars[i], i + 1));
            }
        }

        var latest = long.MinValue;
        var unsorted = false;
        foreach (var (bar, row) in kept)
        {
            if (bar.OpenTimeUs < latest)
            {
                issues.Add(new SanityIssue(row, bar.OpenTimeUs, SanityRule.UnsortedTimestamp, SanityRepair.Sorted));
                unsorted = true;
            }

            latest = Math.Max(latest, bar.OpenTimeUs);
        }

        if (unsorted)
        {
            // Stable: equal open times keep input order, so the first of duplicates survives below.
            kept = [.. kept.OrderBy(k => k.Bar.OpenTimeUs).ThenBy(k => k.Row)];
        }

        var output = new List<Bar>(kept.Count);
        var rows = new List<int>(kept.Count);
        foreach (var (bar, row) in kept)
        {
            if (output.Count > 0 && output[^1].OpenTimeUs == bar.OpenTimeUs)
            {
                issues.Add(new SanityIssue(row, bar.OpenTimeUs, SanityRule.DuplicateTimestamp, SanityRepair.Dropped));
                continue;
            }

            var repaired = bar;
            if (ShapeRule(bar) is not null)
            {
                if (bar.High < bar.Low)
                {
                    issues.Add(new SanityIssue(row, bar.OpenTimeUs, SanityRule.HighBelowLow, SanityRepair.Clamped));
                }

                if (bar.High < Math.Max(bar.Open, bar.Close))
                {
                    issues.Add(new SanityIssue(row, bar.OpenTimeUs, SanityRule.HighBelowOpenOrClose, SanityRepair.Clamped));
                    repaired = repaired with { High = Math.Max(bar.Open, bar.Close) };
                }

                if (bar.Low > Math.Min(bar.Open, bar.Close))
                {
                    issues.Add(new SanityIssue(row, bar.OpenTimeUs, SanityRule.LowAboveOpenOrClose, SanityRepair.Clamped));
                    repaired = repaired with { Low = Math.Min(bar.Open, bar.Close) };
                }
            }

            output.Add(repaired);
            rows.Add(row);
        }

        issues.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Rule.CompareTo(b.Rule));
        var repairedBars = output.ToArray();
        var rowArray = rows.ToArray();
        return new SanityReport(repairedBars, issues, FindGaps(repairedBars, rowArray, intervalUs), FindFlatRuns(repairedBars, rowArray));
    }

    private static SanityRule? ValueRule(in Bar bar)
    {
        if (!double.IsFinite(bar.Open) || !double.IsFinite(bar.High) || !double.IsFinite(bar.Low) || !double.IsFinite(bar.Close) || !double.IsFinite(bar.Volume))
        {
            return SanityRule.NonFinite;
        }

        if (bar.Open <= 0 || bar.High <= 0 || bar.Low <= 0 || bar.Close <= 0)
        {
            return SanityRule.NonPositivePrice;
        }

        return bar.Volume < 0 ? SanityRule.NegativeVolume : null;
    }

    private static SanityRule? ShapeRule(in Bar bar)
    {
        // High below low always breaks one of the other two as well; it is named first as the clearer fault.
        if (bar.High < bar.Low)
        {
            return SanityRule.HighBelowLow;
        }

        if (bar.High < Math.Max(bar.Open, bar.Close))
        {
            return SanityRule.HighBelowOpenOrClose;
        }

        return bar.Low > Math.Min(bar.Open, bar.Close) ? SanityRule.LowAboveOpenOrClose : null;
    }

    private static List<BarGap> FindGaps(Bar[] bars, int[] rows, long intervalUs)
    {
        var gaps = new List<BarGap>();
        for (var i = 1; i < bars.Length; i++)
        {
            var step = bars[i].OpenTimeUs - bars[i - 1].OpenTimeUs;
            if (step > intervalUs)
            {
                gaps.Add(new BarGap(bars[i - 1].OpenTimeUs + intervalUs, (step / intervalUs) - 1 + (step % intervalUs == 0 ? 0 : 1), rows[i]));
            }
        }

        return gaps;
    }

    private static List<FlatRun> FindFlatRuns(Bar[] bars, int[] rows)
    {
        var runs = new List<FlatRun>();
        var first = -1;
        for (var i = 0; i <= bars.Length; i++)
        {
            var flat = i < bars.Length && IsFlat(bars[i]);
            if (flat && first < 0)
            {
                first = i;
            }
            else if (!flat && first >= 0)
            {
                runs.Add(new FlatRun(bars[first].OpenTimeUs, i - first, rows[first]));
                first = -1;
            }
        }

        return runs;
    }

    private static bool IsFlat(in Bar bar) =>
        bar.Volume == 0 && bar.Open == bar.High && bar.High == bar.Low && bar.Low == bar.Close;

    private static string Describe(in Bar bar) =>
        string.Create(CultureInfo.InvariantCulture, $"open time {bar.OpenTimeUs} µs, O {bar.Open} H {bar.High} L {bar.Low} C {bar.Close} V {bar.Volume}");
}
