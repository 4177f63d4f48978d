using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>Uniform random search (log-uniform for log-real parameters); the baseline the other searchers must beat.</summary>
public sealed class RandomSearch : IParameterSearch
{
    private readonly SpaceCoordinates _space;
    private readonly Rng _rng;

    /// <summary>Creates a seeded random search over <paramref name="space"/>.</summary>
    public RandomSearch(ParameterSpace space, ulong seed)
    {
        _space = new SpaceCoordinates(space);
        _rng = new Rng(seed);
    }

    /// <inheritdoc/>
    public SearchAlgorithm Algorithm => SearchAlgorithm.Random;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var batch = new double[count][];
        for (var i = 0; i < count; i++)
        {
            batch[i] = _space.Uniform(_rng);
        }

        return batch;
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> values, double score)
    {
    }
}
