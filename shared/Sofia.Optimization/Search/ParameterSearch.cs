using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>Builds a searcher by algorithm with default settings.</summary>
public static class ParameterSearch
{
    /// <summary>
    /// The seed a study of <paramref name="algorithm"/> uses for a study seed: each method gets its own, so running
    /// Bayesian and genetic side by side does not spend their first random trials on the same points.
    /// </summary>
    public static ulong SeedFor(ulong seed, SearchAlgorithm algorithm) => unchecked((seed * 1_000_003UL) + (ulong)algorithm);

    /// <summary>
    /// A searcher of <paramref name="algorithm"/> over <paramref name="space"/>; <paramref name="plannedTrials"/> sizes
    /// the grid of <see cref="SearchAlgorithm.Grid"/> and is ignored by the others.
    /// </summary>
    public static IParameterSearch Create(SearchAlgorithm algorithm, ParameterSpace space, ulong seed, int plannedTrials) => algorithm switch
    {
        SearchAlgorithm.Bayesian => new TpeSearch(space, seed),
        SearchAlgorithm.Genetic => new GeneticSearch(space, seed),
        SearchAlgorithm.Random => new RandomSearch(space, seed),
        SearchAlgorithm.Grid => new GridSearch(space, plannedTrials, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown search algorithm."),
    };
}
