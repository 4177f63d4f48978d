using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Validation;
using Sofia.Testing;
using Sofia.Trading;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Data;
using Sofia.Trading.Metrics;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Tests.Evaluation;

[TestFixture]
public sealed class StrategyObjectiveTests
{
    private static readonly Lazy<Bar[]> Btc = new(() =>
        BarFileReader.ReadAll(ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv"))[..20_000]);

    [Test]
    public void Pooled_out_of_sample_figures_equal_a_recomputation_from_every_test_bar()
    {
        var bars = Btc.Value;
        var folds = WalkForward.ForFolds(bars.Length, 4).Folds(bars.Length);
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, folds, new ObjectiveSettings());

        var metrics = objective.Evaluate(Values(fast: 30, slow: 120)).Metrics!;

        // Independently: per fold a fresh strategy runs the training window, then a fresh backtest the test window
        // with the full equity curve and trade list; the returns are concatenated and measured with ReturnStatistics.
        var returns = new List<double>();
        double worst = 0, gross = 0, loss = 0;
        var trades = 0;
        foreach (var fold in folds)
        {
            var strategy = new TrendStrategy(30, 120);
            var train = fold.Train.Single();
            Backtester.Run(strategy, bars.AsSpan(train.Start, train.Length), new BacktestOptions { FeeBps = 10m });
            var test = Backtester.Run(strategy, bars.AsSpan(fold.Test.Start, fold.Test.Length), new BacktestOptions { FeeBps = 10m, EquityCurvePoints = 100_000 });
            var equity = test.EquityCurve.Select(p => p.Equity).ToArray();
            Assert.That(equity, Has.Length.EqualTo(fold.Test.Length + 1));
            returns.AddRange(ReturnStatistics.SimpleReturns(equity));
            worst = Math.Max(worst, DrawdownReport.FromEquity(equity).MaxDrawdown);
            gross += (double)test.Trades.Where(t => t.Pnl > 0).Sum(t => t.Pnl);
            loss -= (double)test.Trades.Where(t => t.Pnl < 0).Sum(t => t.Pnl);
            trades += test.Trades.Count;
        }

        var all = returns.ToArray();
        var cagr = ReturnStatistics.Cagr(all, PeriodsPerYear.CryptoMinutes);
        Assert.That(metrics.Periods, Is.EqualTo(all.Length));
        Assert.That(metrics.Sharpe, Is.EqualTo(ReturnStatistics.Sharpe(all, PeriodsPerYear.CryptoMinutes)).Within(1e-6));
        Assert.That(metrics.TotalReturn, Is.EqualTo(ReturnStatistics.TotalReturn(all)).Within(1e-9));
        Assert.That(metrics.Cagr, Is.EqualTo(cagr).Within(1e-6 * Math.Max(1, Math.Abs(cagr))));
        Assert.That(metrics.MaxDrawdown, Is.EqualTo(worst).Within(1e-12));
        Assert.That(metrics.Mar, Is.EqualTo(cagr / worst).Within(1e-6 * Math.Max(1, Math.Abs(cagr / worst))));
        Assert.That(metrics.ProfitFactor, Is.EqualTo(gross / loss).Within(1e-9));
        Assert.That(metrics.Trades, Is.EqualTo(trades));
        Assert.That(trades, Is.GreaterThan(0), "the case must trade to mean anything");
    }

    [Test]
    public void Returns_kept_for_the_guards_are_those_of_the_test_windows_in_order()
    {
        var bars = Btc.Value;
        var folds = new PurgedKFold(4, 100, 100).Folds(bars.Length);
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, folds, new ObjectiveSettings());

        var (metrics, returns) = objective.EvaluateWithReturns(Values(fast: 10, slow: 50));

        Assert.That(returns, Has.Length.EqualTo(bars.Length), "k-fold tests every bar once");
        Assert.That(metrics.Sharpe, Is.EqualTo(ReturnStatistics.Sharpe(returns, PeriodsPerYear.CryptoMinutes)).Within(1e-6));
        Assert.That(metrics.InSampleSharpe, Is.NaN, "k-fold training is not adjacent to the test block, so no in-sample figure");
    }

    [Test]
    public void Invalid_parameters_score_the_documented_invalid_score_with_the_reason()
    {
        var bars = Btc.Value;
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, WalkForward.ForFolds(bars.Length, 2).Folds(bars.Length), new ObjectiveSettings());

        var evaluation = objective.Evaluate(Values(fast: 80, slow: 40));

        Assert.That(evaluation.Score, Is.EqualTo(Sofia.Optimization.Scoring.ObjectiveScore.InvalidScore));
        Assert.That(evaluation.Feasible, Is.False);
        Assert.That(evaluation.Reason, Does.Contain("must be smaller than 'slow'"));
    }

    [Test]
    public void Strategies_of_two_symbols_are_refused()
    {
        Assert.That(
            () => new StrategyObjective(PairsStrategy.Descriptor, "BTC-USDT", Btc.Value, WalkForward.ForFolds(20_000, 2).Folds(20_000), new ObjectiveSettings()),
            Throws.TypeOf<StrategyParameterException>().With.Message.Contains("single-symbol"));
    }

    private static double[] Values(int fast, int slow)
    {
        var defaults = TrendStrategy.Descriptor.Parameters.Defaults;
        var values = TrendStrategy.Descriptor.Parameters.Select(p => defaults[p.Name]).ToArray();
        values[TrendStrategy.Descriptor.Parameters.IndexOf("fast")] = fast;
        values[TrendStrategy.Descriptor.Parameters.IndexOf("slow")] = slow;
        return values;
    }
}
