using Sofia.Trading.Indicators;

namespace Sofia.Trading.Strategies;

/// <summary>
/// RSI mean reversion (<c>rsi_revert</c>): long when Wilder's RSI falls below <c>lower</c>, short when it rises above
/// <c>upper</c>; a long exits when the RSI is back at <c>exit</c> or above, a short at <c>exit</c> or below.
/// </summary>
public sealed class RsiRevertStrategy : IStrategy
{
    private readonly RelativeStrengthIndex _rsi;
    private readonly double _lower;
    private readonly double _upper;
    private readonly double _exit;
    private SignalDirection _target;

    /// <summary>Creates the strategy.</summary>
    public RsiRevertStrategy(int period = 14, double lower = 30, double upper = 70, double exit = 50)
    {
        if (!(lower < exit && exit < upper))
        {
            throw new StrategyParameterException($"Parameters must satisfy lower < exit < upper (got {lower}, {exit}, {upper}).");
        }

        _rsi = new RelativeStrengthIndex(period);
        _lower = lower;
        _upper = upper;
        _exit = exit;
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "rsi_revert",
        "mean-reversion",
        "Buy when RSI is oversold, sell when overbought; exit when it returns to the exit level.",
        1,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Whole("period", 2, 500, 14, "RSI period (Wilder)"),
            ParameterDefinition.Real("lower", 1, 49, 30, "oversold level: enter long below it", 1),
            ParameterDefinition.Real("upper", 51, 99, 70, "overbought level: enter short above it", 1),
            ParameterDefinition.Real("exit", 2, 98, 50, "exit level between lower and upper", 1)),
        p => new RsiRevertStrategy(p.GetInt("period"), p.GetDouble("lower"), p.GetDouble("upper"), p.GetDouble("exit")));

    /// <inheritdoc/>
    public string Name => "rsi_revert";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars => _rsi.WarmUpPeriod;

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        if (!_rsi.Update(bars[0].Close))
        {
            context.Emit(0, Signal.Flat(SignalReasons.WarmUp));
            return;
        }

        var reason = ReversionRule.Apply(ref _target, _rsi.Value, _lower, _exit, _upper);
        context.Emit(0, Signal.Full(_target, reason));
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _rsi.Reset();
        _target = SignalDirection.Flat;
    }
}
