using System.Collections;

namespace Sofia.Trading.Strategies;

/// <summary>
/// The parameters of one strategy, in declaration order. <see cref="Bind(IReadOnlyDictionary{string, string})"/>
/// turns user text into validated values (unknown names and out-of-range values throw a
/// <see cref="StrategyParameterException"/> naming the problem); parameters not given take their defaults.
/// </summary>
public sealed class ParameterSpace : IReadOnlyList<ParameterDefinition>
{
    private readonly ParameterDefinition[] _definitions;

    /// <summary>Creates a space; names must be unique.</summary>
    public ParameterSpace(params ParameterDefinition[] definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = [.. definitions];
        for (var i = 0; i < _definitions.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(_definitions[i].Name, _definitions[j].Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Parameter '{_definitions[i].Name}' is declared twice.", nameof(definitions));
                }
            }
        }

        Defaults = new StrategyParameters(this, DefaultValues());
    }

    /// <summary>Every parameter at its default.</summary>
    public StrategyParameters Defaults { get; }

    /// <inheritdoc/>
    public int Count => _definitions.Length;

    /// <inheritdoc/>
    public ParameterDefinition this[int index] => _definitions[index];

    /// <summary>The index of <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _definitions.Length; i++)
        {
            if (string.Equals(_definitions[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Binds text values (<c>fast</c> → <c>"20"</c>); missing parameters take their defaults.</summary>
    public StrategyParameters Bind(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bound = DefaultValues();
        foreach (var (name, text) in values)
        {
            var index = RequireIndex(name);
            if (!_definitions[index].TryParse(text, out var value, out var error))
            {
                throw new StrategyParameterException($"Parameter '{name}': {error}.");
            }

            bound[index] = value;
        }

        return new StrategyParameters(this, bound);
    }

    /// <summary>Binds numeric values (categorical as choice index); missing parameters take their defaults.</summary>
    public StrategyParameters Bind(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bound = DefaultValues();
        foreach (var (name, value) in values)
        {
            var index = RequireIndex(name);
            if (_definitions[index].Validate(value) is string error)
            {
                throw new StrategyParameterException($"Parameter '{name}': {error}.");
            }

            bound[index] = value;
        }

        return new StrategyParameters(this, bound);
    }

    /// <inheritdoc/>
    public IEnumerator<ParameterDefinition> GetEnumerator() => ((IEnumerable<ParameterDefinition>)_definitions).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal int RequireIndex(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            var known = new string[_definitions.Length];
            for (var i = 0; i < known.Length; i++)
            {
                known[i] = _definitions[i].Name;
            }

            throw new StrategyParameterException(
                known.Length == 0
                    ? $"Unknown parameter '{name}': this strategy takes no parameters."
                    : $"Unknown parameter '{name}' (known: {string.Join(", ", known)}).");
        }

        return index;
    }

    private double[] DefaultValues()
    {
        var values = new double[_definitions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _definitions[i].Default;
        }

        return values;
    }
}
