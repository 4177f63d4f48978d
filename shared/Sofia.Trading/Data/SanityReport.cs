namespace Sofia.Trading.Data;

/// <summary>The outcome of <see cref="BarSanityChecker.Check"/>.</summary>
public sealed class SanityReport
{
    internal SanityReport(Bar[] bars, IReadOnlyList<SanityIssue> issues, IReadOnlyList<BarGap> gaps, IReadOnlyList<FlatRun> flatRuns)
    {
        Bars = bars;
        Issues = issues;
        Gaps = gaps;
        FlatRuns = flatRuns;
    }

    /// <summary>The bars: the input in strict mode, the repaired copy in relaxed mode.</summary>
    public IReadOnlyList<Bar> Bars { get; }

    /// <summary>Every broken rule and its repair, in input row order (empty in strict mode, which throws instead).</summary>
    public IReadOnlyList<SanityIssue> Issues { get; }

    /// <summary>Missing intervals, in time order (reported in both modes; data is never invented).</summary>
    public IReadOnlyList<BarGap> Gaps { get; }

    /// <summary>Runs of flat zero-volume bars, in time order.</summary>
    public IReadOnlyList<FlatRun> FlatRuns { get; }
}
