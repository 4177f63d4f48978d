using Sofia.Trading.Indicators;

namespace Sofia.Trading.Strategies;

/// <summary>
/// SuperTrend (<c>supertrend</c>): long while the SuperTrend (HL2 ± multiplier · ATR with ratcheting bands) is in an
/// up-trend, short (flat in long-only mode) while it is down, from the first bar the indicator is ready.
/// </summary>
public sealed class SuperTrendStrategy : IStrategy
{
    private readonly SuperTrend _superTrend;

    /// <summary>Creates the strategy.</summary>
    public SuperTrendStrategy(int period = 10, double multiplier = 3)
    {
        _superTrend = new SuperTrend(period, multiplier);
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "supertrend",
        "trend",
        "Long in a SuperTrend up-trend, short (or flat) in a down-trend.",
        1,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Whole("period", 2, 500, 10, "ATR period"),
            ParameterDefinition.Real("multiplier", 0.5, 10, 3, "band distance in ATRs", 0.25)),
        p => new SuperTrendStrategy(p.GetInt("period"), p.GetDouble("multiplier")));

    /// <inheritdoc/>
    public string Name => "supertrend";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars => _superTrend.WarmUpPeriod;

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        if (!_superTrend.Update(bars[0]))
        {
            context.Emit(0, Signal.Flat(SignalReasons.WarmUp));
            return;
        }

        context.Emit(0, _superTrend.IsUpTrend
            ? Signal.Full(SignalDirection.Long, SignalReasons.TrendUp)
            : Signal.Full(SignalDirection.Short, SignalReasons.TrendDown));
    }

    /// <inheritdoc/>
    public void Reset() => _superTrend.Reset();
}
