using Sofia.Trading.Strategies;

namespace Sofia.Signals;

/// <summary>
/// One strategy of a market in a <see cref="StrategyPlan"/>: a registry name, its fusion weight and its parameters as
/// text (missing ones take the registry defaults). Immutable; promoted parameters make a new entry
/// (<see cref="WithParameters"/>).
/// </summary>
public sealed record StrategyEntry
{
    /// <summary>Creates an entry; the parameters are validated against the registry.</summary>
    /// <exception cref="StrategyParameterException">Unknown name, several symbols, or a bad parameter.</exception>
    public StrategyEntry(string name, double weight, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Descriptor = StrategyRegistry.Get(name);
        if (Descriptor.SymbolCount != 1)
        {
            throw new StrategyParameterException($"'{name}' trades {Descriptor.SymbolCount} symbols; a plan runs single-symbol strategies.");
        }

        if (Descriptor.Name == Sofia.Contracts.Subjects.FusedStrategyName)
        {
            throw new StrategyParameterException("'fused' is not listed as a strategy; fusion of a market's strategies is set under 'fusion'.");
        }

        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A fusion weight is a finite number ≥ 0.");
        }

        Name = name;
        Weight = weight;
        Parameters = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        Bound = Descriptor.Parameters.Bind(Parameters);

        // Factories check rules between parameters (fast < slow): build once so a plan never holds an unbuildable entry.
        _ = Descriptor.Create(Bound);
    }

    /// <summary>The registry name, e.g. <c>trend</c>; also the <c>{strategy}</c> of its signal subject.</summary>
    public string Name { get; }

    /// <summary>Its vote weight in the market's fusion (0 keeps it out of the vote).</summary>
    public double Weight { get; }

    /// <summary>The parameters as given (text values by name).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The registry entry.</summary>
    public StrategyDescriptor Descriptor { get; }

    /// <summary>Every parameter, validated, defaults filled in.</summary>
    public StrategyParameters Bound { get; }

    /// <summary>Whether a runner trades its signals or its own orders (the signal hub runs only the former).</summary>
    public ExecutionStyle Style => Descriptor.Style;

    /// <summary>A fresh strategy instance.</summary>
    public IStrategy Create() => Descriptor.Create(Bound);

    /// <summary>The same entry with <paramref name="parameters"/> instead (missing ones take the defaults).</summary>
    /// <exception cref="StrategyParameterException">A parameter is unknown or invalid.</exception>
    public StrategyEntry WithParameters(IReadOnlyDictionary<string, string> parameters) => new(Name, Weight, parameters);

    /// <summary>True when <paramref name="other"/> binds to the same values.</summary>
    public bool SameParameters(StrategyEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Bound.ToString(), other.Bound.ToString(), StringComparison.Ordinal);
    }
}
