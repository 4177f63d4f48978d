namespace Sofia.Optimization.Search;

/// <summary>
/// An ask-and-tell parameter searcher that maximizes a score. Values are in the order of the
/// <see cref="Sofia.Trading.Strategies.ParameterSpace"/> the searcher was built for (a categorical value is its
/// choice index). A searcher is deterministic: the same seed and the same sequence of asks and tells give the same
/// candidates, so a study that asks in fixed-size batches and tells results in trial order gives the same trials on
/// any number of cores. Not thread-safe: one caller drives it.
/// </summary>
public interface IParameterSearch
{
    /// <summary>The algorithm.</summary>
    SearchAlgorithm Algorithm { get; }

    /// <summary>The next <paramref name="count"/> candidates to evaluate.</summary>
    IReadOnlyList<double[]> Ask(int count);

    /// <summary>Reports the score of an asked candidate (higher is better); call in trial order.</summary>
    void Tell(IReadOnlyList<double> values, double score);
}
