namespace Sofia.Optimization.Search;

/// <summary>The density of one categorical parameter: observed choice counts plus one pseudo-count per choice.</summary>
internal sealed class CategoricalEstimator : IParameterDensity
{
    private readonly double[] _probability;

    public CategoricalEstimator(ReadOnlySpan<double> observations, int choices)
    {
        _probability = new double[choices];
        Array.Fill(_probability, 1.0);
        foreach (var index in observations)
        {
            _probability[(int)index] += 1;
        }

        var total = choices + observations.Length;
        for (var i = 0; i < choices; i++)
        {
            _probability[i] /= total;
        }
    }

    public double Sample(Rng rng)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < _probability.Length; i++)
        {
            u -= _probability[i];
            if (u < 0)
            {
                return i;
            }
        }

        return _probability.Length - 1;
    }

    public double LogDensity(double index) => Math.Log(_probability[(int)index]);
}
