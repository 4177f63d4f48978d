namespace Sofia.Optimization.Scoring;

/// <summary>
/// The one number a search maximizes, from out-of-sample metrics:
/// <c>raw = w_mar · clamp(MAR) + w_sharpe · clamp(Sharpe) + w_pf · clamp(ln PF)</c>, each term clamped to
/// [−Cap, Cap] (defaults: weights ⅓ each, Cap 10, so raw ∈ [−10, 10]). ln PF is 0 at break-even and symmetric in
/// wins and losses. A term that is undefined counts as follows: MAR with no drawdown is +Cap when CAGR &gt; 0 else 0;
/// PF with no losing trade is +Cap (with a winner) and NaN PF (no trade) is −Cap; a NaN Sharpe (flat equity) is 0.
/// An infeasible set (a constraint failed) scores <c>raw − <see cref="InfeasiblePenalty"/></c>, below every feasible
/// set yet still ordered, so a searcher can climb out of the infeasible region; invalid parameters score
/// <see cref="InvalidScore"/>.
/// </summary>
public static class ObjectiveScore
{
    /// <summary>Subtracted from the score of an infeasible set.</summary>
    public const double InfeasiblePenalty = 100;

    /// <summary>The score of parameters the strategy rejects (e.g. fast ≥ slow).</summary>
    public const double InvalidScore = -1000;

    /// <summary>The raw score (before any penalty).</summary>
    public static double Raw(OutOfSampleMetrics metrics, ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(weights);
        var cap = weights.Cap;
        double mar = metrics.MaxDrawdown > 0 && double.IsFinite(metrics.Mar)
            ? metrics.Mar
            : metrics.Cagr > 0 ? cap : 0;
        double pf = metrics.ProfitFactor switch
        {
            double.NaN => -cap,
            double.PositiveInfinity => cap,
            <= 0 => -cap,
            var value => Math.Log(value),
        };
        var sharpe = double.IsNaN(metrics.Sharpe) ? 0 : metrics.Sharpe;
        return (weights.Mar * Math.Clamp(mar, -cap, cap))
            + (weights.Sharpe * Math.Clamp(sharpe, -cap, cap))
            + (weights.ProfitFactor * Math.Clamp(pf, -cap, cap));
    }

    /// <summary>The score with the constraint penalty applied, and the first failed constraint (or null).</summary>
    public static (double Score, string? Failure) Compute(OutOfSampleMetrics metrics, ScoreWeights weights, ScoringConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        var raw = Raw(metrics, weights);
        var failure = constraints.Check(metrics);
        return (failure is null ? raw : raw - InfeasiblePenalty, failure);
    }
}
