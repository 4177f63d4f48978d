using Sofia.Trading.Backtesting;
using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Backtesting;

public sealed class PerformanceAccumulatorTests
{
    [Test]
    public void Streamed_figures_match_the_batch_summary_of_the_full_curve()
    {
        var random = new Random(11);
        var equity = new double[20_001];
        var positions = new double[equity.Length - 1];
        equity[0] = 10_000;
        for (var i = 1; i < equity.Length; i++)
        {
            positions[i - 1] = random.Next(3) - 1;
            equity[i] = positions[i - 1] == 0 ? equity[i - 1] : equity[i - 1] * (1 + ((random.NextDouble() - 0.49) * 0.01));
        }

        var accumulator = new PerformanceAccumulator();
        accumulator.Start(equity[0]);
        for (var i = 1; i < equity.Length; i++)
        {
            accumulator.Add(equity[i], positions[i - 1] != 0);
        }

        var streamed = accumulator.Summarize(default, 123_456m, PeriodsPerYear.CryptoMinutes);
        var batch = PerformanceSummary.Compute(equity, positions, [], 123_456m, PeriodsPerYear.CryptoMinutes);

        Assert.That(streamed.Periods, Is.EqualTo(batch.Periods));
        Assert.That(streamed.TotalReturn, Is.EqualTo(batch.TotalReturn).Within(1e-9));
        Assert.That(streamed.Cagr, Is.EqualTo(batch.Cagr).Within(1e-6).Percent);
        Assert.That(streamed.AnnualVolatility, Is.EqualTo(batch.AnnualVolatility).Within(1e-9).Percent);
        Assert.That(streamed.Sharpe, Is.EqualTo(batch.Sharpe).Within(1e-8).Percent);
        Assert.That(streamed.Sortino, Is.EqualTo(batch.Sortino).Within(1e-8).Percent);
        Assert.That(streamed.Calmar, Is.EqualTo(batch.Calmar).Within(1e-6).Percent);
        Assert.That(streamed.Drawdown, Is.EqualTo(batch.Drawdown));
        Assert.That(streamed.Exposure, Is.EqualTo(batch.Exposure));
        Assert.That(streamed.Turnover, Is.EqualTo(batch.Turnover).Within(1e-12).Percent);
        Assert.That(streamed.AnnualTurnover, Is.EqualTo(batch.AnnualTurnover).Within(1e-12).Percent);
    }

    [TestCase(new double[] { 100, 90, 95, 80, 100, 120, 110 })]
    [TestCase(new double[] { 100, 110, 120 })]
    [TestCase(new double[] { 100, 90, 80, 85 })]
    [TestCase(new double[] { 100 })]
    public void Streamed_drawdown_equals_the_batch_report(double[] equity)
    {
        var accumulator = new PerformanceAccumulator();
        accumulator.Start(equity[0]);
        for (var i = 1; i < equity.Length; i++)
        {
            accumulator.Add(equity[i], inMarket: true);
        }

        Assert.That(accumulator.Summarize(default, 0m, 365).Drawdown, Is.EqualTo(DrawdownReport.FromEquity(equity)));
    }

    [Test]
    public void The_sampler_keeps_a_bounded_evenly_spaced_curve_and_the_last_point()
    {
        var sampler = new EquityCurveSampler(8);
        for (var i = 0; i < 1000; i++)
        {
            sampler.Add(new EquityPoint(i, i, i, 0));
        }

        var points = sampler.ToArray();
        Assert.That(points.Length, Is.LessThanOrEqualTo(9));
        Assert.That(points[0].BarIndex, Is.Zero);
        Assert.That(points[^1].BarIndex, Is.EqualTo(999));
        for (var i = 1; i < points.Length - 1; i++)
        {
            Assert.That(points[i].BarIndex - points[i - 1].BarIndex, Is.EqualTo(sampler.Stride));
        }
    }
}
