using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Metrics;

public sealed class DrawdownReportTests
{
    // 100 → 120 (peak) → 90 (trough: 30/120 = 25 %) → 110 → 130 (recovered at index 4): 3 periods from peak to recovery.
    [Test]
    public void Five_point_curve_has_a_quarter_drawdown_lasting_three_periods()
    {
        var report = DrawdownReport.FromEquity([100.0, 120, 90, 110, 130]);
        Assert.That(report, Is.EqualTo(new DrawdownReport(0.25, 1, 2, 4, 3, 3)));
    }

    // 100 (peak) → 90 → 95 → 80 (20 %) → 85, never recovered: the duration runs to the last point, 4 periods.
    [Test]
    public void Unrecovered_drawdown_lasts_until_the_end_of_the_curve()
    {
        var report = DrawdownReport.FromEquity([100.0, 90, 95, 80, 85]);
        Assert.That(report, Is.EqualTo(new DrawdownReport(0.2, 0, 3, -1, 4, 4)));
    }

    // Two drawdowns: 100 → 95 → 100 (5 %, 2 periods) and 110 → 99 → 99 → 120 (10 %, 4 periods).
    [Test]
    public void Deepest_and_longest_drawdowns_are_found_among_several()
    {
        var report = DrawdownReport.FromEquity([100.0, 95, 100, 110, 104.5, 99, 99, 120]);
        Assert.Multiple(() =>
        {
            Assert.That(report.MaxDrawdown, Is.EqualTo(0.1).Within(1e-12));
            Assert.That(report.PeakIndex, Is.EqualTo(3));
            Assert.That(report.TroughIndex, Is.EqualTo(5));
            Assert.That(report.RecoveryIndex, Is.EqualTo(7));
            Assert.That(report.DurationPeriods, Is.EqualTo(4));
            Assert.That(report.LongestDurationPeriods, Is.EqualTo(4));
        });
    }

    // A shallow but long drawdown (1 %, 5 periods) beside a deep short one (50 %, 2 periods).
    [Test]
    public void Longest_duration_can_belong_to_a_shallower_drawdown()
    {
        var report = DrawdownReport.FromEquity([100.0, 99, 99, 99, 99, 100, 50, 100]);
        Assert.Multiple(() =>
        {
            Assert.That(report.MaxDrawdown, Is.EqualTo(0.5));
            Assert.That(report.DurationPeriods, Is.EqualTo(2));
            Assert.That(report.LongestDurationPeriods, Is.EqualTo(5));
        });
    }

    [Test]
    public void Rising_curve_has_no_drawdown() =>
        Assert.That(DrawdownReport.FromEquity([1.0, 2, 3, 3, 4]), Is.EqualTo(new DrawdownReport(0, -1, -1, -1, 0, 0)));
}
