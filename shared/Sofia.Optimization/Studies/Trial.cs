namespace Sofia.Optimization.Studies;

/// <summary>One candidate of a study: its number (0-based, in ask order) and its parameter values in space order.</summary>
/// <param name="Number">Trial number within the study.</param>
/// <param name="Values">Parameter values (a categorical value is its choice index).</param>
public sealed record Trial(int Number, IReadOnlyList<double> Values);
