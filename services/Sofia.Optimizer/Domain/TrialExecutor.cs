using System.Collections.Concurrent;
using System.Diagnostics;
using Sofia.Contracts.V1;
using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Scoring;
using Sofia.Optimization.Validation;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// Evaluates one <see cref="OptimizationJob"/>: the history window, folds, costs and parameters all come from the job,
/// so any replica computes the same score and figures. Objectives are cached per study window.
/// </summary>
internal sealed class TrialExecutor(HistorySource history, TimeProvider time, string worker)
{
    private readonly ConcurrentDictionary<string, Task<StrategyObjective>> _objectives = new(StringComparer.Ordinal);

    public async Task<TrialResult> RunAsync(OptimizationJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var clock = Stopwatch.StartNew();
        var result = new TrialResult
        {
            StudyId = job.StudyId,
            TrialNumber = job.TrialNumber,
            Strategy = job.Strategy,
            Symbol = job.Symbol,
            Method = job.Method,
            Worker = worker,
        };
        result.Parameters.Add(job.Parameters);
        try
        {
            var objective = await ObjectiveAsync(job, cancellationToken);
            var values = TrialMessages.ReadParameters(objective.Strategy.Parameters, job.Parameters);
            TrialMessages.WriteEvaluation(await Task.Run(() => objective.Evaluate(values), cancellationToken), result);
        }
        catch (StrategyParameterException e)
        {
            result.Score = ObjectiveScore.InvalidScore;
            result.Feasible = false;
            result.Reason = $"invalid parameters: {e.Message}";
        }

        result.DurationMs = clock.ElapsedMilliseconds;
        result.FinishedTimeUs = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        return result;
    }

    private Task<StrategyObjective> ObjectiveAsync(OptimizationJob job, CancellationToken cancellationToken)
    {
        var key = $"{job.StudyId}|{job.Strategy}|{job.Symbol}|{job.Exchange}|{job.DataFromUs}|{job.DataToUs}|{job.TrainBars}|{job.TestBars}|{job.FeeBps}|{job.LongShort}|{job.Capital}";
        if (_objectives.Count > 16 && !_objectives.ContainsKey(key))
        {
            // One study at a time is the normal case; old studies' objectives (and their bars) are let go.
            _objectives.Clear();
        }

        var task = _objectives.GetOrAdd(key, _ => BuildAsync(job, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            _objectives.TryRemove(new KeyValuePair<string, Task<StrategyObjective>>(key, task));
        }

        return task;
    }

    private async Task<StrategyObjective> BuildAsync(OptimizationJob job, CancellationToken cancellationToken)
    {
        var descriptor = StrategyRegistry.Get(job.Strategy);
        var bars = await history.LoadAsync(job.Exchange, job.Symbol, job.DataFromUs, job.DataToUs, cancellationToken);
        var folds = new WalkForward(job.TrainBars, job.TestBars, job.TestBars).Folds(bars.Length);
        var settings = new ObjectiveSettings
        {
            Backtest = new BacktestOptions
            {
                InitialCapital = (decimal)job.Capital,
                FeeBps = (decimal)job.FeeBps,
                Mode = job.LongShort ? TradingMode.LongShort : TradingMode.LongOnly,
            },
        };
        return new StrategyObjective(descriptor, job.Symbol, bars, folds, settings);
    }
}
