using Sofia.Signals.Internal;

namespace Sofia.Signals;

/// <summary>
/// What the signal hub runs: the bar interval, and per market (symbol and exchange) the strategies with their
/// parameters and fusion weights. Read from YAML (see the signal hub's README):
/// <code>
/// bar_interval: 1m
/// fusion: { threshold: 0.2 }
/// symbols:
///   BTC-USDT:
///     exchange: binance
///     strategies:
///       - { name: trend, weight: 1.0, params: { fast: 20, slow: 60 } }
///       - { name: rsi_revert, weight: 0.5 }
/// </code>
/// Every problem is reported as a <see cref="StrategyPlanException"/> naming the key path, e.g.
/// <c>symbols.BTC-USDT.strategies[0].params.fast: 1 is outside [2, 500]</c>.
/// </summary>
public sealed class StrategyPlan
{
    /// <summary>The fusion threshold when the file sets none (the registry's default).</summary>
    public const double DefaultFusionThreshold = 0.2;

    /// <summary>Creates a plan; markets must be unique by symbol.</summary>
    public StrategyPlan(TimeSpan barInterval, IReadOnlyList<MarketPlan> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        _ = Sofia.Trading.Data.BarTime.IntervalUs(barInterval);
        BarInterval = barInterval;
        Markets = [.. markets];
    }

    /// <summary>Length of the bars every strategy sees.</summary>
    public TimeSpan BarInterval { get; }

    /// <summary>The markets, in file order.</summary>
    public IReadOnlyList<MarketPlan> Markets { get; }

    /// <summary>Reads and validates a YAML plan file.</summary>
    /// <exception cref="StrategyPlanException">The file is missing, not YAML, or a value is invalid (the key path is named).</exception>
    public static StrategyPlan Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StrategyPlanException($"Cannot read the strategy plan '{path}': {e.Message}", e);
        }

        return Parse(text);
    }

    /// <summary>Why the plan at <paramref name="path"/> cannot be loaded, or null when it can (for start-up checks).</summary>
    public static string? ProblemWith(string path)
    {
        try
        {
            _ = Load(path);
            return null;
        }
        catch (StrategyPlanException e)
        {
            return e.Message;
        }
    }

    /// <summary>Parses and validates YAML text.</summary>
    /// <exception cref="StrategyPlanException">Not YAML, or a value is invalid (the key path is named).</exception>
    public static StrategyPlan Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return PlanYamlReader.Read(yaml);
    }

    /// <summary>The market of <paramref name="symbol"/>, or null.</summary>
    public MarketPlan? Find(string symbol)
    {
        foreach (var market in Markets)
        {
            if (string.Equals(market.Symbol, symbol, StringComparison.Ordinal))
            {
                return market;
            }
        }

        return null;
    }
}
