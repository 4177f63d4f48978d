namespace Sofia.Trading.Strategies;

/// <summary>Validated values for every parameter of a <see cref="ParameterSpace"/>; immutable.</summary>
public sealed class StrategyParameters
{
    private readonly double[] _values;

    internal StrategyParameters(ParameterSpace space, double[] values)
    {
        Space = space;
        _values = values;
    }

    /// <summary>The space these values belong to.</summary>
    public ParameterSpace Space { get; }

    /// <summary>The value of <paramref name="name"/> (a categorical value is its choice index).</summary>
    public double this[string name] => _values[Space.RequireIndex(name)];

    /// <summary>An integer parameter.</summary>
    public int GetInt(string name) => (int)this[name];

    /// <summary>A real parameter.</summary>
    public double GetDouble(string name) => this[name];

    /// <summary>The chosen name of a categorical parameter.</summary>
    public string GetChoice(string name) => Space[Space.RequireIndex(name)].Format(this[name]);

    /// <summary>Every value formatted for people, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        var list = new KeyValuePair<string, string>[_values.Length];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = new(Space[i].Name, Space[i].Format(_values[i]));
        }

        return list;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new string[_values.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{Space[i].Name}={Space[i].Format(_values[i])}";
        }

        return string.Join(" ", parts);
    }
}
