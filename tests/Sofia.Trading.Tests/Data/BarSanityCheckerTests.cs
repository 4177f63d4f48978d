using Sofia.Trading.Data;
using static Sofia.Trading.Tests.Data.BinanceKlineFiles;

namespace Sofia.Trading.Tests.Data;

public sealed class BarSanityCheckerTests
{
    private const long Minute = 60_000_000;
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    [TestCase(Btc2023)]
    [TestCase(Eth2023)]
    public void Binance_halt_of_2023_03_24_shows_72_flat_candles_then_80_missing_minutes(string name)
    {
        var report = BarSanityChecker.Check(BarFileReader.ReadAll(Csv(name)), OneMinute, SanityMode.Strict);

        Assert.That(report.Gaps, Is.EqualTo(new[] { new BarGap(Us(2023, 3, 24, 12, 40), 80, 10_946) }));
        Assert.That(report.FlatRuns, Is.EqualTo(new[] { new FlatRun(Us(2023, 3, 24, 11, 28), 72, 10_874) }));
        Assert.That(report.Bars, Has.Count.EqualTo(66_087));
    }

    [TestCase(Btc2021)]
    [TestCase(Eth2021)]
    public void Files_of_2021_have_gaps_of_150_and_284_minutes(string name)
    {
        var report = BarSanityChecker.Check(BarFileReader.ReadAll(Csv(name)), OneMinute, SanityMode.Relaxed);

        Assert.That(report.Issues, Is.Empty);
        Assert.That(report.Gaps, Is.EqualTo(new[]
        {
            new BarGap(Us(2021, 4, 20, 2, 0), 150, 26_041),
            new BarGap(Us(2021, 4, 25, 4, 1), 284, 33_212),
        }));
        Assert.That(report.FlatRuns, Is.Empty);
    }

    private static Bar Good(int minute) => new(minute * Minute, 10, 11, 9, 10.5, 1);

    [TestCase(double.NaN, 11, 9, 10.5, 1, SanityRule.NonFinite)]
    [TestCase(10, double.PositiveInfinity, 9, 10.5, 1, SanityRule.NonFinite)]
    [TestCase(10, 11, 9, 10.5, double.NaN, SanityRule.NonFinite)]
    [TestCase(0, 11, 9, 10.5, 1, SanityRule.NonPositivePrice)]
    [TestCase(10, 11, -9, 10.5, 1, SanityRule.NonPositivePrice)]
    [TestCase(10, 11, 9, 10.5, -1, SanityRule.NegativeVolume)]
    [TestCase(10, 8, 12, 10.5, 1, SanityRule.HighBelowLow)]
    [TestCase(10, 10.2, 9, 10.5, 1, SanityRule.HighBelowOpenOrClose)]
    [TestCase(10, 11, 10.1, 10.5, 1, SanityRule.LowAboveOpenOrClose)]
    public void Strict_mode_names_the_row_and_rule_of_a_bad_bar(double open, double high, double low, double close, double volume, SanityRule rule)
    {
        var bars = new[] { Good(0), Good(1), new Bar(2 * Minute, open, high, low, close, volume), Good(3) };

        var error = Assert.Throws<BarDataException>(() => BarSanityChecker.Check(bars, OneMinute, SanityMode.Strict));

        Assert.That(error!.Row, Is.EqualTo(3));
        Assert.That(error.Rule, Is.EqualTo(rule));
        Assert.That(error.Message, Does.Contain("Row 3").And.Contain(rule.ToString()));
    }

    [TestCase(1, SanityRule.DuplicateTimestamp)]
    [TestCase(0, SanityRule.UnsortedTimestamp)]
    public void Strict_mode_rejects_a_timestamp_not_after_the_previous_one(int minute, SanityRule rule)
    {
        var bars = new[] { Good(0), Good(1), Good(minute), Good(3) };

        var error = Assert.Throws<BarDataException>(() => BarSanityChecker.Check(bars, OneMinute, SanityMode.Strict));

        Assert.That((error!.Row, error.Rule), Is.EqualTo((3, rule)));
    }

    [Test]
    public void Relaxed_mode_repairs_and_reports_every_issue()
    {
        var bars = new[]
        {
            Good(0),                                          // row 1
            new Bar(2 * Minute, 10, 10.2, 9, 10.5, 1),        // row 2: high below close -> 10.5
            new Bar(1 * Minute, 10, 11, 9, 10.5, 2),          // row 3: unsorted -> sorted
            new Bar(1 * Minute, 10, 11, 9, 10.5, 3),          // row 4: duplicate of row 3 -> dropped
            new Bar(3 * Minute, double.NaN, 11, 9, 10, 1),    // row 5: NaN -> dropped
            new Bar(4 * Minute, 10, 11, 0, 10, 1),            // row 6: zero low -> dropped
            new Bar(6 * Minute, 10, 8, 12, 10.5, 1),          // row 7: high below low -> clamped to 10.5 / 10
        };

        var report = BarSanityChecker.Check(bars, OneMinute, SanityMode.Relaxed);

        Assert.That(report.Bars, Is.EqualTo(new[]
        {
            Good(0),
            new Bar(1 * Minute, 10, 11, 9, 10.5, 2),
            new Bar(2 * Minute, 10, 10.5, 9, 10.5, 1),
            new Bar(6 * Minute, 10, 10.5, 10, 10.5, 1),
        }));
        Assert.That(report.Issues, Is.EqualTo(new[]
        {
            new SanityIssue(2, 2 * Minute, SanityRule.HighBelowOpenOrClose, SanityRepair.Clamped),
            new SanityIssue(3, 1 * Minute, SanityRule.UnsortedTimestamp, SanityRepair.Sorted),
            new SanityIssue(4, 1 * Minute, SanityRule.DuplicateTimestamp, SanityRepair.Dropped),
            new SanityIssue(4, 1 * Minute, SanityRule.UnsortedTimestamp, SanityRepair.Sorted),
            new SanityIssue(5, 3 * Minute, SanityRule.NonFinite, SanityRepair.Dropped),
            new SanityIssue(6, 4 * Minute, SanityRule.NonPositivePrice, SanityRepair.Dropped),
            new SanityIssue(7, 6 * Minute, SanityRule.HighBelowLow, SanityRepair.Clamped),
            new SanityIssue(7, 6 * Minute, SanityRule.HighBelowOpenOrClose, SanityRepair.Clamped),
            new SanityIssue(7, 6 * Minute, SanityRule.LowAboveOpenOrClose, SanityRepair.Clamped),
        }));
        Assert.That(report.Gaps, Is.EqualTo(new[] { new BarGap(3 * Minute, 3, 7) }));
    }

    [Test]
    public void Relaxed_mode_leaves_a_clean_series_untouched()
    {
        var bars = new[] { Good(0), Good(1), Good(2) };

        var report = BarSanityChecker.Check(bars, OneMinute, SanityMode.Relaxed);

        Assert.That(report.Bars, Is.EqualTo(bars));
        Assert.That(report.Issues, Is.Empty);
        Assert.That(report.Gaps, Is.Empty);
    }
}
