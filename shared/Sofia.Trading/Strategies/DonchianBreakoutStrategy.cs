using Sofia.Trading.Indicators;

namespace Sofia.Trading.Strategies;

/// <summary>
/// Donchian breakout (<c>donchian</c>): long when the close rises above the highest high of the previous
/// <c>period</c> bars, short when it falls below their lowest low; a long exits when the close falls below the
/// lowest low of the previous <c>exit_period</c> bars, a short when it rises above their highest high (the turtle
/// rules on closes). A breakout the other way reverses.
/// </summary>
public sealed class DonchianBreakoutStrategy : IStrategy
{
    private readonly DonchianChannels _entry;
    private readonly DonchianChannels _exit;
    private SignalDirection _target;

    /// <summary>Creates the strategy.</summary>
    public DonchianBreakoutStrategy(int period = 20, int exitPeriod = 10)
    {
        if (exitPeriod > period)
        {
            throw new StrategyParameterException($"Parameter 'exit_period' ({exitPeriod}) must not exceed 'period' ({period}).");
        }

        _entry = new DonchianChannels(period);
        _exit = new DonchianChannels(exitPeriod);
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "donchian",
        "trend",
        "Breakout of the previous N bars' high/low channel; exit on the shorter exit channel.",
        1,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Whole("period", 5, 2000, 20, "entry channel: highest high / lowest low of the previous N bars"),
            ParameterDefinition.Whole("exit_period", 2, 2000, 10, "exit channel length, at most period")),
        p => new DonchianBreakoutStrategy(p.GetInt("period"), p.GetInt("exit_period")));

    /// <inheritdoc/>
    public string Name => "donchian";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars => _entry.WarmUpPeriod;

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        ref readonly var bar = ref bars[0];
        _entry.Update(bar);
        _exit.Update(bar);
        if (!_entry.IsReady)
        {
            context.Emit(0, Signal.Flat(SignalReasons.WarmUp));
            return;
        }

        var close = bar.Close;
        var reason = SignalReasons.Hold;
        if (close > _entry.Upper)
        {
            _target = SignalDirection.Long;
            reason = SignalReasons.BreakoutUp;
        }
        else if (close < _entry.Lower)
        {
            _target = SignalDirection.Short;
            reason = SignalReasons.BreakoutDown;
        }
        else if ((_target == SignalDirection.Long && close < _exit.Lower) || (_target == SignalDirection.Short && close > _exit.Upper))
        {
            _target = SignalDirection.Flat;
            reason = SignalReasons.ChannelExit;
        }

        context.Emit(0, Signal.Full(_target, reason));
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _entry.Reset();
        _exit.Reset();
        _target = SignalDirection.Flat;
    }
}
