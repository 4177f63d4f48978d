namespace Sofia.Trading.Metrics;

/// <summary>The outcome of a Monte-Carlo permutation test.</summary>
/// <param name="Observed">The statistic on the real series.</param>
/// <param name="Permutations">Number of permuted series N.</param>
/// <param name="AtLeastAsGood">Permutations whose statistic was ≥ the observed one.</param>
/// <param name="PValue">(1 + AtLeastAsGood) / (1 + N).</param>
public readonly record struct PermutationResult(double Observed, int Permutations, int AtLeastAsGood, double PValue);
