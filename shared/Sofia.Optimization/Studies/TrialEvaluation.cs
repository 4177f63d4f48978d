using Sofia.Optimization.Scoring;

namespace Sofia.Optimization.Studies;

/// <summary>The outcome of evaluating one trial.</summary>
/// <param name="Score">The objective (higher is better); see <see cref="ObjectiveScore"/>.</param>
/// <param name="Feasible">False when a hard constraint failed or the parameters were invalid.</param>
/// <param name="Reason">Why it is infeasible; null when feasible.</param>
/// <param name="Metrics">Out-of-sample metrics, or null for a plain test function.</param>
public sealed record TrialEvaluation(double Score, bool Feasible = true, string? Reason = null, OutOfSampleMetrics? Metrics = null);
