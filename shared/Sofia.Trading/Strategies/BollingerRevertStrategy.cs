using Sofia.Trading.Indicators;

namespace Sofia.Trading.Strategies;

/// <summary>
/// Bollinger mean reversion (<c>bollinger_revert</c>): long when the close falls below the lower band, short when it
/// rises above the upper band; a long exits when the close gets back to the middle band (SMA) or above, a short
/// when it gets back to the middle or below. Bands are SMA(period) ± k · population σ.
/// </summary>
public sealed class BollingerRevertStrategy : IStrategy
{
    private readonly BollingerBands _bands;
    private SignalDirection _target;

    /// <summary>Creates the strategy.</summary>
    public BollingerRevertStrategy(int period = 20, double k = 2)
    {
        _bands = new BollingerBands(period, k);
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "bollinger_revert",
        "mean-reversion",
        "Buy below the lower Bollinger band, sell above the upper; exit at the middle band.",
        1,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Whole("period", 5, 2000, 20, "SMA and deviation window (bars)"),
            ParameterDefinition.Real("k", 0.5, 5, 2, "band width in standard deviations", 0.1)),
        p => new BollingerRevertStrategy(p.GetInt("period"), p.GetDouble("k")));

    /// <inheritdoc/>
    public string Name => "bollinger_revert";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars => _bands.WarmUpPeriod;

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        var close = bars[0].Close;
        if (!_bands.Update(close))
        {
            context.Emit(0, Signal.Flat(SignalReasons.WarmUp));
            return;
        }

        var reason = ReversionRule.Apply(ref _target, close, _bands.Lower, _bands.Middle, _bands.Upper);
        context.Emit(0, Signal.Full(_target, reason));
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _bands.Reset();
        _target = SignalDirection.Flat;
    }
}
