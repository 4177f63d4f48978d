using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>
/// Bayesian optimization with a Tree-structured Parzen Estimator (Bergstra et al., 2011). The first
/// <see cref="TpeOptions.StartupTrials"/> candidates are uniform draws. After that the told trials are split at the
/// <see cref="TpeOptions.Gamma"/> quantile of the score into good and bad; each parameter gets a Parzen density per
/// group (<see cref="ParzenEstimator"/> for whole, real and log-real parameters in search coordinates,
/// <see cref="CategoricalEstimator"/> for choices); <see cref="TpeOptions.Candidates"/> points are drawn from the good
/// densities and the one maximizing Σ log l(xᵢ) − log g(xᵢ) is asked. Parameters are modelled independently.
/// A batch of asks uses one model and differs only by the random draws, which keeps a study deterministic when a
/// batch is evaluated in parallel.
/// </summary>
public sealed class TpeSearch : IParameterSearch
{
    private readonly SpaceCoordinates _space;
    private readonly TpeOptions _options;
    private readonly Rng _rng;
    private readonly List<(double[] Values, double Score)> _told = [];

    /// <summary>Creates a seeded TPE search over <paramref name="space"/>.</summary>
    public TpeSearch(ParameterSpace space, ulong seed, TpeOptions? options = null)
    {
        _space = new SpaceCoordinates(space);
        _options = options ?? new TpeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.StartupTrials, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Gamma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Candidates);
        _rng = new Rng(seed);
    }

    /// <inheritdoc/>
    public SearchAlgorithm Algorithm => SearchAlgorithm.Bayesian;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var batch = new double[count][];
        if (_told.Count < _options.StartupTrials)
        {
            for (var i = 0; i < count; i++)
            {
                batch[i] = _space.Uniform(_rng);
            }

            return batch;
        }

        var (good, bad) = Split();
        for (var i = 0; i < count; i++)
        {
            batch[i] = Propose(good, bad);
        }

        return batch;
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> values, double score)
    {
        ArgumentNullException.ThrowIfNull(values);
        // NaN scores rank last rather than poisoning the sort.
        _told.Add(([.. values], double.IsNaN(score) ? double.NegativeInfinity : score));
    }

    private (IParameterDensity[] Good, IParameterDensity[] Bad) Split()
    {
        // Stable order: best score first, earlier trial first among equals.
        var order = new int[_told.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => _told[b].Score.CompareTo(_told[a].Score) is var c && c != 0 ? c : a.CompareTo(b));
        var goodCount = Math.Clamp((int)Math.Ceiling(_options.Gamma * order.Length), 1, order.Length - 1);
        return (Models(order.AsSpan(0, goodCount)), Models(order.AsSpan(goodCount)));
    }

    private IParameterDensity[] Models(ReadOnlySpan<int> trials)
    {
        var models = new IParameterDensity[_space.Count];
        var column = new double[trials.Length];
        for (var p = 0; p < _space.Count; p++)
        {
            for (var k = 0; k < trials.Length; k++)
            {
                var value = _told[trials[k]].Values[p];
                column[k] = _space.IsCategorical(p) ? value : _space.ToCoordinate(p, value);
            }

            models[p] = _space.IsCategorical(p)
                ? new CategoricalEstimator(column, _space.Choices(p))
                : new ParzenEstimator(column, _space.Low(p), _space.High(p));
        }

        return models;
    }

    private double[] Propose(IParameterDensity[] good, IParameterDensity[] bad)
    {
        double[]? best = null;
        var bestRatio = double.NegativeInfinity;
        for (var c = 0; c < _options.Candidates; c++)
        {
            var values = new double[_space.Count];
            var ratio = 0.0;
            for (var p = 0; p < values.Length; p++)
            {
                values[p] = _space.Snap(p, good[p].Sample(_rng));
                var x = _space.IsCategorical(p) ? values[p] : _space.ToCoordinate(p, values[p]);
                ratio += good[p].LogDensity(x) - bad[p].LogDensity(x);
            }

            if (ratio > bestRatio || best is null)
            {
                best = values;
                bestRatio = ratio;
            }
        }

        return best!;
    }
}
