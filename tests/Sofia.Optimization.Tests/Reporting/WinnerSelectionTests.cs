using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Reporting;
using Sofia.Optimization.Scoring;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Validation;
using Sofia.Testing;
using Sofia.Trading;
using Sofia.Trading.Data;
using Sofia.Trading.Metrics;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Tests.Reporting;

[TestFixture]
public sealed class WinnerSelectionTests
{
    private static readonly int[] Ranks = [1, 2, 3];


    [Test]
    public async Task Winners_are_the_three_best_distinct_sets_with_their_guards()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var bars = BarFileReader.ReadAll(ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv"))[..15_000];
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, WalkForward.ForFolds(bars.Length, 3).Folds(bars.Length), new ObjectiveSettings());
        var trials = await StudyRunner.RunAsync(new RandomSearch(TrendStrategy.Descriptor.Parameters, 3), 24, 8, StudyRunner.Parallel(t => objective.Evaluate(t.Values), 2), null, null, timeout.Token);
        var options = new WinnerOptions { Permutations = 200, Seed = 9 };

        var summary = WinnerSelection.Summarize(objective, trials, options);

        var expected = trials.Where(t => t.Evaluation.Metrics is not null).OrderByDescending(t => t.Score).Take(3).ToArray();
        Assert.That(summary.Winners.Select(w => w.Record.Trial.Number), Is.EqualTo(expected.Select(t => t.Trial.Number)));
        Assert.That(summary.Winners.Select(w => w.Rank), Is.EqualTo(Ranks));
        foreach (var winner in summary.Winners)
        {
            var (_, returns) = objective.EvaluateWithReturns(winner.Record.Trial.Values);
            Assert.That(winner.PValue, Is.EqualTo(PermutationTest.SignFlip(returns, 200, 9).PValue));
            Assert.That(winner.Metrics, Is.EqualTo(winner.Record.Evaluation.Metrics), "the reported figures are the trial's own");
            Assert.That(winner.Promotable, Is.EqualTo(winner.Record.Evaluation.Feasible && winner.MeetsCriteria && winner.PValue <= 0.05 && winner.DeflatedSharpe >= 0.95));
        }

        var feasible = trials.Where(t => t.Evaluation.Feasible).ToArray();
        Assert.That(summary.ParetoFront.Select(t => t.Trial.Number), Is.SubsetOf(feasible.Select(t => t.Trial.Number)));
        Assert.That(summary.Verdict, Does.StartWith("trend on BTC-USDT: the best set "));
    }

    [Test]
    public async Task With_a_holdout_winners_are_run_on_it_and_promoted_only_if_they_meet_the_criteria_there_too()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var all = BarFileReader.ReadAll(ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv"))[..20_000];
        var holdout = Holdout.Last(all.Length, 0.25, 3_000)!;
        var bars = all[..holdout.Start];
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, WalkForward.ForFolds(bars.Length, 3).Folds(bars.Length), new ObjectiveSettings());
        var held = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", all, [holdout.Fold], new ObjectiveSettings());
        var trials = await StudyRunner.RunAsync(new RandomSearch(TrendStrategy.Descriptor.Parameters, 5), 16, 8, StudyRunner.Parallel(t => objective.Evaluate(t.Values), 2), null, null, timeout.Token);

        var summary = WinnerSelection.Summarize(objective, trials, new WinnerOptions { Permutations = 100 }, held);

        foreach (var winner in summary.Winners)
        {
            // Independently: the holdout window is bars 15 000..19 999, warmed up on 12 000..14 999.
            var strategy = TrendStrategy.Descriptor.Create(winner.Parameters);
            Sofia.Trading.Backtesting.Backtester.Run(strategy, all.AsSpan(12_000, 3_000), new Sofia.Trading.Backtesting.BacktestOptions { FeeBps = 10m });
            var test = Sofia.Trading.Backtesting.Backtester.Run(strategy, all.AsSpan(15_000, 5_000), new Sofia.Trading.Backtesting.BacktestOptions { FeeBps = 10m });
            Assert.That(winner.Holdout!.Periods, Is.EqualTo(5_000));
            Assert.That(winner.Holdout.Sharpe, Is.EqualTo(test.Summary.Sharpe).Within(1e-9).Or.NaN);
            Assert.That(winner.Holdout.MaxDrawdown, Is.EqualTo(test.Summary.Drawdown.MaxDrawdown).Within(1e-12));
            Assert.That(winner.HoldoutFailures, Is.EqualTo(new SuccessCriteria().Failures(winner.Holdout)));
            if (winner.HoldoutFailures.Count > 0)
            {
                Assert.That(winner.Promotable, Is.False);
            }
        }
    }
}
