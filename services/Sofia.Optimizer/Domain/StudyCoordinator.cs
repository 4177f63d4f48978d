using Microsoft.Extensions.Options;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Reporting;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Validation;
using Sofia.Optimizer.Options;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// Runs one strategy × symbol of a nightly run: loads its history, keeps the last
/// <see cref="OptimizerOptions.HoldoutFraction"/> out of the search, cuts walk-forward folds from the rest, drives each
/// method's searcher with batches evaluated by the replicas (<see cref="DistributedEvaluator"/>), resumes from the trial
/// store, then picks and tests the winners (on the holdout too) and promotes the best one that passes. The study id is
/// derived from the run id, so two coordinators of the same run publish the same (de-duplicated) jobs and reach the
/// same result.
/// </summary>
internal sealed class StudyCoordinator(
    IMessageBus bus,
    HistorySource history,
    ITrialStore store,
    ParameterPromoter promoter,
    IOptions<OptimizerOptions> options,
    TimeProvider time,
    ILogger<StudyCoordinator> logger,
    OptimizerMetrics metrics)
{
    public static IReadOnlyList<SearchAlgorithm> Methods(string method) => method switch
    {
        "bayesian" => [SearchAlgorithm.Bayesian],
        "genetic" => [SearchAlgorithm.Genetic],
        "random" => [SearchAlgorithm.Random],
        "grid" => [SearchAlgorithm.Grid],
        _ => [SearchAlgorithm.Bayesian, SearchAlgorithm.Genetic],
    };

    /// <summary>A study id that is one subject token: letters, digits, '-' and '_' only.</summary>
    public static string StudyId(string runId, string strategy, string symbol, SearchAlgorithm method)
    {
        var raw = $"{runId}-{strategy}-{symbol}-{method.ToString().ToLowerInvariant()}";
        return string.Create(raw.Length, raw, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_' ? text[i] : '_';
            }
        });
    }

    public async Task<StudySummary> RunAsync(string runId, DateTimeOffset runTime, string strategy, string symbol, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var descriptor = StrategyRegistry.Get(strategy);
        await bus.EnsureStreamAsync(Streams.OptimizerJobs, cancellationToken);
        await bus.EnsureStreamAsync(Streams.OptimizerResults, cancellationToken);
        var toUs = history.IsFile(symbol) ? long.MaxValue : runTime.ToUnixTimeMilliseconds() / 60_000 * 60_000_000;
        var fromUs = history.IsFile(symbol) ? 0 : toUs - (o.HistoryDays * 86_400_000_000L);
        var all = await history.LoadAsync(o.Exchange, symbol, fromUs, toUs, cancellationToken);
        var holdout = Holdout.Last(all.Length, o.HoldoutFraction, 0);
        var bars = holdout is null ? all : all[..holdout.Start];
        // The workers load [from, searchTo): exactly the bars before the holdout.
        var searchToUs = holdout is null ? toUs : all[holdout.Start].OpenTimeUs;
        var scheme = WalkForward.ForFolds(bars.Length, o.Folds);
        var folds = scheme.Folds(bars.Length);
        var settings = new ObjectiveSettings
        {
            Backtest = new BacktestOptions { InitialCapital = (decimal)o.Capital, FeeBps = (decimal)o.FeeBps },
        };
        var objective = new StrategyObjective(descriptor, symbol, bars, folds, settings);
        var trials = new List<TrialRecord>();
        foreach (var method in Methods(o.Method))
        {
            var studyId = StudyId(runId, strategy, symbol, method);
            var template = new OptimizationJob
            {
                StudyId = studyId,
                Strategy = strategy,
                Symbol = symbol,
                Method = TrialMessages.ToMessage(method),
                Exchange = o.Exchange,
                DataFromUs = fromUs,
                DataToUs = searchToUs,
                Folds = folds.Count,
                TrainBars = scheme.Train,
                TestBars = scheme.Test,
                Seed = o.Seed,
                FeeBps = o.FeeBps,
                Capital = o.Capital,
            };
            var resumed = await ResumeAsync(descriptor.Parameters, studyId, cancellationToken);
            OptimizerLog.StudyStarted(logger, studyId, strategy, symbol, method, o.Trials, bars.Length, folds.Count, resumed.Count);
            var evaluator = new DistributedEvaluator(bus, template, descriptor.Parameters, store, o.ResultPoll, time);
            trials.AddRange(await StudyRunner.RunAsync(
                ParameterSearch.Create(method, descriptor.Parameters, ParameterSearch.SeedFor(o.Seed, method), o.Trials),
                o.Trials,
                o.BatchSize,
                evaluator.EvaluateAsync,
                null,
                resumed,
                cancellationToken));
        }

        var held = holdout is null
            ? null
            : new StrategyObjective(descriptor, symbol, all, [(holdout with { WarmUp = Math.Min(holdout.Start, scheme.Train) }).Fold], settings);
        var summary = WinnerSelection.Summarize(objective, trials, new WinnerOptions { Permutations = o.Permutations, Seed = o.Seed }, held);
        OptimizerLog.StudyVerdict(logger, summary.Verdict);
        await promoter.PromoteAsync(summary, cancellationToken);
        metrics.StudyDone();
        return summary;
    }

    private async Task<List<TrialRecord>> ResumeAsync(ParameterSpace space, string studyId, CancellationToken cancellationToken)
    {
        var records = new List<TrialRecord>();
        foreach (var result in await store.LoadAsync(studyId, cancellationToken))
        {
            var values = TrialMessages.ReadParameters(space, result.Parameters);
            records.Add(new TrialRecord(new Trial(result.TrialNumber, values), TrialMessages.ToEvaluation(result)));
        }

        return records;
    }
}
