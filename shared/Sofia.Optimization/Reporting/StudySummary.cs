using Sofia.Optimization.Studies;

namespace Sofia.Optimization.Reporting;

/// <summary>The result of optimizing one strategy on one symbol.</summary>
public sealed record StudySummary
{
    /// <summary>Strategy name.</summary>
    public required string Strategy { get; init; }

    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Every trial of every method, methods in the order run.</summary>
    public required IReadOnlyList<TrialRecord> Trials { get; init; }

    /// <summary>The best distinct parameter sets, best first.</summary>
    public required IReadOnlyList<Winner> Winners { get; init; }

    /// <summary>Feasible trials on the Pareto front of (MAR, Sharpe, profit factor).</summary>
    public required IReadOnlyList<TrialRecord> ParetoFront { get; init; }

    /// <summary>A plain sentence: did the best set meet the success criteria, and is anything promoted.</summary>
    public string Verdict
    {
        get
        {
            if (Winners.Count == 0)
            {
                return $"{Strategy} on {Symbol}: no trial ran.";
            }

            var promoted = Winners.Count(w => w.Promotable);
            var best = Winners[0];
            var criteria = best.MeetsCriteria
                ? "meets the success criteria out of sample"
                : $"does NOT meet the success criteria out of sample ({string.Join("; ", best.Failures)})";
            if (best.Holdout is not null)
            {
                criteria += best.HoldoutFailures.Count == 0
                    ? ", and on the holdout"
                    : $", and NOT on the holdout ({string.Join("; ", best.HoldoutFailures)})";
            }

            return promoted > 0
                ? $"{Strategy} on {Symbol}: the best set {criteria}; {promoted} set(s) pass every guard and are promoted."
                : $"{Strategy} on {Symbol}: the best set {criteria}; nothing is promoted.";
        }
    }
}
