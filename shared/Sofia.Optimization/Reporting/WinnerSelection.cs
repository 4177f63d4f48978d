using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Scoring;
using Sofia.Optimization.Studies;
using Sofia.Trading.Metrics;

namespace Sofia.Optimization.Reporting;

/// <summary>
/// Picks the best distinct parameter sets of a study and tests them: the sign-flip permutation p-value of their
/// out-of-sample per-bar returns and the deflated Sharpe ratio with N = the number of trials and V = the variance of
/// the trials' per-bar Sharpe ratios. A winner is promotable when it is feasible, meets the success criteria,
/// p ≤ <see cref="WinnerOptions.MaxPValue"/> and DSR ≥ <see cref="WinnerOptions.MinDeflatedSharpe"/>, and, when a holdout
/// objective is given (data after everything the search saw), meets the criteria there too.
/// </summary>
public static class WinnerSelection
{
    /// <summary>Summarizes the trials of <paramref name="objective"/>.</summary>
    public static StudySummary Summarize(StrategyObjective objective, IReadOnlyList<TrialRecord> trials, WinnerOptions options, StrategyObjective? holdout = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(options);
        var ranked = trials
            .Where(t => t.Evaluation.Metrics is not null)
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Trial.Number)
            .ToList();
        var distinct = new List<TrialRecord>();
        foreach (var record in ranked)
        {
            if (distinct.Count < options.Top && !distinct.Any(d => d.Trial.Values.SequenceEqual(record.Trial.Values)))
            {
                distinct.Add(record);
            }
        }

        var variance = TrialSharpeVariance(ranked);
        var winners = new List<Winner>(distinct.Count);
        foreach (var record in distinct)
        {
            var (metrics, returns) = objective.EvaluateWithReturns(record.Trial.Values);
            var permutation = PermutationTest.SignFlip(returns, options.Permutations, options.Seed);
            var (skew, kurtosis) = DeflatedSharpe.Moments(returns);
            var perBar = metrics.Sharpe / Math.Sqrt(metrics.PeriodsPerYear);
            var dsr = returns.Length > 1 && double.IsFinite(perBar)
                ? DeflatedSharpe.Compute(perBar, returns.Length, skew, kurtosis, Math.Max(1, ranked.Count), variance)
                : double.NaN;
            var failures = options.Criteria.Failures(metrics);
            var held = holdout?.Evaluate(record.Trial.Values).Metrics;
            var heldFailures = held is null ? [] : options.Criteria.Failures(held);
            winners.Add(new Winner
            {
                Holdout = held,
                HoldoutFailures = heldFailures,
                Rank = winners.Count + 1,
                Record = record,
                Parameters = objective.Bind(record.Trial.Values),
                Metrics = metrics,
                PValue = permutation.PValue,
                DeflatedSharpe = dsr,
                Failures = failures,
                Promotable = record.Evaluation.Feasible && failures.Count == 0 && heldFailures.Count == 0
                    && (holdout is null || held is not null)
                    && permutation.PValue <= options.MaxPValue && dsr >= options.MinDeflatedSharpe,
            });
        }

        var feasible = ranked.Where(t => t.Evaluation.Feasible).ToList();
        var front = ParetoFront.Indices([.. feasible.Select(t => (IReadOnlyList<double>)ParetoFront.Objectives(t.Evaluation.Metrics!))]);
        return new StudySummary
        {
            Strategy = objective.Strategy.Name,
            Symbol = objective.Symbol,
            Trials = trials,
            Winners = winners,
            ParetoFront = [.. front.Select(i => feasible[i])],
        };
    }

    private static double TrialSharpeVariance(List<TrialRecord> trials)
    {
        var sharpes = trials
            .Select(t => t.Evaluation.Metrics!)
            .Where(m => double.IsFinite(m.Sharpe))
            .Select(m => m.Sharpe / Math.Sqrt(m.PeriodsPerYear))
            .ToArray();
        var variance = sharpes.Length > 1 ? ReturnStatistics.SampleStandardDeviation(sharpes) : 0;
        return double.IsFinite(variance) ? variance * variance : 0;
    }
}
