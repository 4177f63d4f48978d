namespace Sofia.Trading.Strategies;

/// <summary>Every strategy of the zoo by name, with its parameters; the optimizer, the CLI and the signal hub start here.</summary>
public static class StrategyRegistry
{
    private static readonly StrategyDescriptor[] Descriptors =
    [
        TrendStrategy.Descriptor,
        DonchianBreakoutStrategy.Descriptor,
        SuperTrendStrategy.Descriptor,
        BollingerRevertStrategy.Descriptor,
        RsiRevertStrategy.Descriptor,
        GridStrategy.Descriptor,
        PairsStrategy.Descriptor,
        FusedStrategy.Descriptor,
    ];

    /// <summary>Every registered strategy, in a stable order.</summary>
    public static IReadOnlyList<StrategyDescriptor> All => Descriptors;

    /// <summary>The descriptor named <paramref name="name"/>, or null.</summary>
    public static StrategyDescriptor? Find(string name)
    {
        foreach (var descriptor in Descriptors)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.Ordinal))
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>The descriptor named <paramref name="name"/>; throws a <see cref="StrategyParameterException"/> listing the known names.</summary>
    public static StrategyDescriptor Get(string name)
    {
        if (Find(name) is { } descriptor)
        {
            return descriptor;
        }

        var names = new string[Descriptors.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Descriptors[i].Name;
        }

        throw new StrategyParameterException($"Unknown strategy '{name}' (known: {string.Join(", ", names)}).");
    }

    /// <summary>Builds <paramref name="name"/> from text parameters; unknown names and bad values throw <see cref="StrategyParameterException"/>.</summary>
    public static IStrategy Create(string name, IReadOnlyDictionary<string, string> parameters) => Get(name).Create(parameters);

    /// <summary>Builds <paramref name="name"/> from numeric parameters (categorical as choice index).</summary>
    public static IStrategy Create(string name, IReadOnlyDictionary<string, double> parameters) =>
        Get(name).Create(Get(name).Parameters.Bind(parameters));
}
