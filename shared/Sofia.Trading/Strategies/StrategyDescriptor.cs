namespace Sofia.Trading.Strategies;

/// <summary>
/// A registry entry: a strategy's name, family, symbol count, execution style and parameter space, and the factory
/// that builds it from validated parameters. Factories check rules that tie parameters together (fast &lt; slow)
/// and throw a <see cref="StrategyParameterException"/> naming them.
/// </summary>
public sealed class StrategyDescriptor
{
    private readonly Func<StrategyParameters, IStrategy> _factory;

    /// <summary>Creates a descriptor.</summary>
    public StrategyDescriptor(
        string name,
        string family,
        string description,
        int symbolCount,
        ExecutionStyle style,
        ParameterSpace parameters,
        Func<StrategyParameters, IStrategy> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        Family = family;
        Description = description;
        SymbolCount = symbolCount;
        Style = style;
        Parameters = parameters;
        _factory = factory;
    }

    /// <summary>Registry name, e.g. <c>trend</c>.</summary>
    public string Name { get; }

    /// <summary>Family: trend, mean-reversion, grid, pairs or fusion.</summary>
    public string Family { get; }

    /// <summary>One-line description of the rules.</summary>
    public string Description { get; }

    /// <summary>Symbols fed per step.</summary>
    public int SymbolCount { get; }

    /// <summary>Whether the runner trades its signals or its orders.</summary>
    public ExecutionStyle Style { get; }

    /// <summary>The tunable parameters.</summary>
    public ParameterSpace Parameters { get; }

    /// <summary>Builds the strategy from values of <see cref="Parameters"/>.</summary>
    public IStrategy Create(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!ReferenceEquals(parameters.Space, Parameters))
        {
            throw new ArgumentException($"Parameters belong to another strategy than '{Name}'.", nameof(parameters));
        }

        return _factory(parameters);
    }

    /// <summary>Builds the strategy from text values; missing ones take their defaults.</summary>
    public IStrategy Create(IReadOnlyDictionary<string, string> parameters) => Create(Parameters.Bind(parameters));

    /// <summary>Builds the strategy with every parameter at its default.</summary>
    public IStrategy CreateDefault() => Create(Parameters.Defaults);
}
