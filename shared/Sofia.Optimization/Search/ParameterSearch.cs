using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>Builds a searcher by algorithm with default settings.</summary>
public static class ParameterSearch
{
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
