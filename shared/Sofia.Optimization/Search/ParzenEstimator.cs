using MathNet.Numerics.Distributions;

namespace Sofia.Optimization.Search;

/// <summary>
/// The Parzen density of one numeric parameter in search coordinates: an equal-weight mixture of normals truncated
/// to [low, high], one at each observation plus a broad prior component at the middle of the range (σ = the range),
/// so the density never vanishes. Each observation's σ is the larger gap to its sorted neighbours (hyperopt's rule),
/// clipped to [range / min(100, n + 1), range].
/// </summary>
internal sealed class ParzenEstimator : IParameterDensity
{
    private readonly double _low;
    private readonly double _high;
    private readonly double[] _mu;
    private readonly double[] _sigma;
    private readonly double[] _logMass;

    public ParzenEstimator(ReadOnlySpan<double> observations, double low, double high)
    {
        _low = low;
        _high = high;
        var range = high - low;
        var n = observations.Length;
        _mu = new double[n + 1];
        observations.CopyTo(_mu);
        _mu[n] = (low + high) / 2;
        Array.Sort(_mu);
        _sigma = new double[n + 1];
        var minSigma = range / Math.Min(100.0, n + 1.0);
        for (var i = 0; i <= n; i++)
        {
            var left = _mu[i] - (i == 0 ? low : _mu[i - 1]);
            var right = (i == n ? high : _mu[i + 1]) - _mu[i];
            _sigma[i] = Math.Clamp(Math.Max(left, right), minSigma, range);
        }

        // The prior component keeps σ = range wherever it landed after sorting.
        var prior = Array.IndexOf(_mu, (low + high) / 2);
        _sigma[prior] = range;
        _logMass = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            var mass = Normal.CDF(_mu[i], _sigma[i], high) - Normal.CDF(_mu[i], _sigma[i], low);
            _logMass[i] = Math.Log(Math.Max(mass, 1e-300));
        }
    }

    /// <summary>A draw from the truncated mixture.</summary>
    public double Sample(Rng rng)
    {
        var k = rng.NextInt(_mu.Length);
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var x = _mu[k] + (_sigma[k] * rng.NextGaussian());
            if (x >= _low && x <= _high)
            {
                return x;
            }
        }

        return Math.Clamp(_mu[k], _low, _high);
    }

    /// <summary>Log of the mixture density at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        // log Σ exp(terms) with the largest term factored out, so far tails do not underflow to −∞.
        var max = double.NegativeInfinity;
        Span<double> terms = _mu.Length <= 256 ? stackalloc double[_mu.Length] : new double[_mu.Length];
        for (var i = 0; i < _mu.Length; i++)
        {
            var z = (x - _mu[i]) / _sigma[i];
            terms[i] = (-0.5 * z * z) - Math.Log(_sigma[i]) - _logMass[i];
            max = Math.Max(max, terms[i]);
        }

        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += Math.Exp(term - max);
        }

        return max + Math.Log(sum / _mu.Length) - (0.5 * Math.Log(2 * Math.PI));
    }
}
