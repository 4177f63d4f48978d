using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>
/// Maps parameter values to the coordinates the searchers work in and back: log space for log-real parameters,
/// a continuous range widened by half a step for stepped ones (so rounding gives every grid value an equal share),
/// the choice index for categorical ones. <see cref="Snap"/> turns a coordinate into a valid value.
/// </summary>
internal sealed class SpaceCoordinates
{
    private readonly ParameterDefinition[] _definitions;
    private readonly double[] _low;
    private readonly double[] _high;

    public SpaceCoordinates(ParameterSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Count == 0)
        {
            throw new ArgumentException("The parameter space is empty: there is nothing to search.", nameof(space));
        }

        _definitions = [.. space];
        _low = new double[_definitions.Length];
        _high = new double[_definitions.Length];
        for (var i = 0; i < _definitions.Length; i++)
        {
            var d = _definitions[i];
            (_low[i], _high[i]) = d.Kind switch
            {
                ParameterKind.LogReal => (Math.Log(d.Min), Math.Log(d.Max)),
                ParameterKind.Categorical => (0, d.Choices.Count),
                _ when d.Step > 0 => (d.Min - (d.Step / 2), d.Max + (d.Step / 2)),
                _ => (d.Min, d.Max),
            };
        }
    }

    public int Count => _definitions.Length;

    public ParameterDefinition this[int index] => _definitions[index];

    public double Low(int index) => _low[index];

    public double High(int index) => _high[index];

    public bool IsCategorical(int index) => _definitions[index].Kind == ParameterKind.Categorical;

    /// <summary>Number of choices of a categorical parameter.</summary>
    public int Choices(int index) => _definitions[index].Choices.Count;

    /// <summary>The coordinate of a valid value.</summary>
    public double ToCoordinate(int index, double value) =>
        _definitions[index].Kind == ParameterKind.LogReal ? Math.Log(value) : value;

    /// <summary>The valid value nearest to a coordinate (clamped to the range, rounded to the step or choice).</summary>
    public double Snap(int index, double coordinate)
    {
        var d = _definitions[index];
        switch (d.Kind)
        {
            case ParameterKind.LogReal:
                return Math.Clamp(Math.Exp(coordinate), d.Min, d.Max);
            case ParameterKind.Categorical:
                return Math.Clamp(Math.Floor(coordinate), 0, d.Choices.Count - 1);
            default:
                if (d.Step > 0)
                {
                    var steps = Math.Round((coordinate - d.Min) / d.Step, MidpointRounding.AwayFromZero);
                    var maxSteps = Math.Floor(((d.Max - d.Min) / d.Step) + 1e-9);
                    return d.Min + (Math.Clamp(steps, 0, maxSteps) * d.Step);
                }

                return Math.Clamp(coordinate, d.Min, d.Max);
        }
    }

    /// <summary>A uniform draw over the space (log-uniform for log-real parameters).</summary>
    public double[] Uniform(Rng rng)
    {
        var values = new double[_definitions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Snap(i, _low[i] + (rng.NextDouble() * (_high[i] - _low[i])));
        }

        return values;
    }
}
