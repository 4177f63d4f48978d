namespace Sofia.Optimization.Studies;

/// <summary>A finished trial: what was asked and how it scored.</summary>
/// <param name="Trial">The candidate.</param>
/// <param name="Evaluation">Its outcome.</param>
public sealed record TrialRecord(Trial Trial, TrialEvaluation Evaluation)
{
    /// <summary>Shortcut for <see cref="TrialEvaluation.Score"/>.</summary>
    public double Score => Evaluation.Score;
}
