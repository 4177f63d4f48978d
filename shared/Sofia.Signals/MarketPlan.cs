namespace Sofia.Signals;

/// <summary>The strategies run on one market (exchange and symbol) and how their signals are fused.</summary>
/// <param name="Exchange">Lower-case exchange name, e.g. <c>binance</c>.</param>
/// <param name="Symbol">Canonical <c>BASE-QUOTE</c> symbol.</param>
/// <param name="Strategies">The strategies, in plan order (unique names).</param>
/// <param name="FusionEnabled">True when a fused signal is produced (needs a member with a positive weight).</param>
/// <param name="FusionThreshold">Smallest |weighted vote| that holds a position, in [0, 1].</param>
public sealed record MarketPlan(
    string Exchange,
    string Symbol,
    IReadOnlyList<StrategyEntry> Strategies,
    bool FusionEnabled,
    double FusionThreshold)
{
    /// <summary>The entry named <paramref name="strategy"/>, or null.</summary>
    public StrategyEntry? Find(string strategy)
    {
        foreach (var entry in Strategies)
        {
            if (string.Equals(entry.Name, strategy, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}
