using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Metrics;

public sealed class PerformanceSummaryTests
{
    // Equity 100 → 110 → 99 → 99: returns +10 %, −10 %, 0; in the market on 2 of 3 bars; traded notional 204 over a
    // mean equity of (100 + 110 + 99 + 99) / 4 = 102, i.e. turnover 2; drawdown 11/110 = 10 % from index 1, unrecovered.
    [Test]
    public void Summary_of_a_short_run_is_worked_by_hand()
    {
        ClosedTrade[] trades = [new("BTC-USDT", 0, 2, 1m, 100m, 99m, -1m)];
        var summary = PerformanceSummary.Compute([100.0, 110, 99, 99], [1.0, 1, 0], trades, 204m, periodsPerYear: 3);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Periods, Is.EqualTo(3));
            Assert.That(summary.TotalReturn, Is.EqualTo(-0.01).Within(1e-12));
            Assert.That(summary.Cagr, Is.EqualTo(-0.01).Within(1e-12));
            Assert.That(summary.Exposure, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(summary.Turnover, Is.EqualTo(2.0).Within(1e-12));
            Assert.That(summary.AnnualTurnover, Is.EqualTo(2.0).Within(1e-12));
            Assert.That(summary.Drawdown, Is.EqualTo(new DrawdownReport(0.1, 1, 2, -1, 2, 2)));
            Assert.That(summary.Calmar, Is.EqualTo(-0.1).Within(1e-12));
            Assert.That(summary.Trades.Count, Is.EqualTo(1));
            Assert.That(summary.Permutation.PValue, Is.NaN);
        });
    }

    // Returns +10 %, −10 %, 0: mean 0, so Sharpe and Sortino are 0; sample std = √((0.01 + 0.01 + 0) / 2) = 0.1.
    [Test]
    public void Summary_ratios_follow_the_return_conventions()
    {
        var summary = PerformanceSummary.Compute([100.0, 110, 99, 99], [1.0, 1, 0], [], 0m, periodsPerYear: 4, permutations: 9);
        Assert.Multiple(() =>
        {
            Assert.That(summary.AnnualVolatility, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(summary.Sharpe, Is.EqualTo(0).Within(1e-12));
            Assert.That(summary.Sortino, Is.EqualTo(0).Within(1e-12));
            Assert.That(summary.Permutation.Permutations, Is.EqualTo(9));
        });
    }
}
