using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>
/// A generational genetic algorithm. Generation 0 is <see cref="GeneticOptions.PopulationSize"/> uniform draws; once
/// a whole generation is told, the parent pool becomes that generation plus the <see cref="GeneticOptions.Elites"/>
/// best of the previous pool (elitism: the best found is never lost). Each child takes two parents by tournament
/// selection, mixes them gene by gene (uniform crossover) with probability <see cref="GeneticOptions.CrossoverRate"/>,
/// then mutates each gene with probability <see cref="GeneticOptions.MutationRate"/>: a numeric gene moves by a normal
/// step of <see cref="GeneticOptions.MutationScale"/> of its range (reflected into the range), a categorical gene
/// takes a random choice. Children are asked one generation at a time; asks beyond a generation before it is told
/// come from the same pool.
/// </summary>
public sealed class GeneticSearch : IParameterSearch
{
    private readonly SpaceCoordinates _space;
    private readonly GeneticOptions _options;
    private readonly Rng _rng;
    private readonly double _mutationRate;
    private readonly List<(double[] Values, double Score)> _generation = [];
    private List<(double[] Values, double Score)> _pool = [];

    /// <summary>Creates a seeded genetic search over <paramref name="space"/>.</summary>
    public GeneticSearch(ParameterSpace space, ulong seed, GeneticOptions? options = null)
    {
        _space = new SpaceCoordinates(space);
        _options = options ?? new GeneticOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PopulationSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.Elites);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.TournamentSize, 1);
        _mutationRate = _options.MutationRate > 0 ? _options.MutationRate : 1.0 / _space.Count;
        _rng = new Rng(seed);
    }

    /// <inheritdoc/>
    public SearchAlgorithm Algorithm => SearchAlgorithm.Genetic;

    /// <summary>Generations completed (told in full).</summary>
    public int Generations { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var batch = new double[count][];
        for (var i = 0; i < count; i++)
        {
            batch[i] = _pool.Count == 0 ? _space.Uniform(_rng) : Child();
        }

        return batch;
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> values, double score)
    {
        ArgumentNullException.ThrowIfNull(values);
        _generation.Add(([.. values], double.IsNaN(score) ? double.NegativeInfinity : score));
        if (_generation.Count < _options.PopulationSize)
        {
            return;
        }

        var next = new List<(double[] Values, double Score)>(_generation.Count + _options.Elites);
        next.AddRange(Best(_pool, _options.Elites));
        next.AddRange(_generation);
        _pool = next;
        _generation.Clear();
        Generations++;
    }

    // OrderByDescending is stable: equal scores keep their trial order.
    private static IEnumerable<(double[] Values, double Score)> Best(List<(double[] Values, double Score)> pool, int count) =>
        pool.OrderByDescending(x => x.Score).Take(count);

    private double[] Child()
    {
        var first = Tournament();
        var second = Tournament();
        var crossover = _rng.NextDouble() < _options.CrossoverRate;
        var child = new double[_space.Count];
        for (var p = 0; p < child.Length; p++)
        {
            child[p] = crossover && _rng.NextDouble() < 0.5 ? second[p] : first[p];
            if (_rng.NextDouble() < _mutationRate)
            {
                child[p] = Mutate(p, child[p]);
            }
        }

        return child;
    }

    private double[] Tournament()
    {
        var winner = _rng.NextInt(_pool.Count);
        for (var k = 1; k < _options.TournamentSize; k++)
        {
            var contender = _rng.NextInt(_pool.Count);
            if (_pool[contender].Score > _pool[winner].Score)
            {
                winner = contender;
            }
        }

        return _pool[winner].Values;
    }

    private double Mutate(int p, double value)
    {
        if (_space.IsCategorical(p))
        {
            return _rng.NextInt(_space.Choices(p));
        }

        double low = _space.Low(p), high = _space.High(p);
        var x = _space.ToCoordinate(p, value) + (_options.MutationScale * (high - low) * _rng.NextGaussian());
        // Reflect at the bounds so mutations near an edge are not piled onto it.
        for (var i = 0; i < 4 && (x < low || x > high); i++)
        {
            x = x < low ? low + (low - x) : high - (x - high);
        }

        return _space.Snap(p, x);
    }
}
