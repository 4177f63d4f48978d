using Sofia.Trading.Indicators;

namespace Sofia.Trading.Strategies;

/// <summary>
/// Moving-average crossover (<c>trend</c>). Bar t crosses up when both SMAs are defined at t and t−1, fast &gt; slow
/// at t and fast ≤ slow at t−1; it crosses down when fast &lt; slow at t and fast ≥ slow at t−1. A cross up targets
/// long, a cross down targets short (flat in long-only mode); the target holds until the next cross or stop.
/// Options: a fixed stop at entry close − stop_atr · ATR (ATR as of the entry bar), a trailing stop at the best close
/// since entry − trail_atr · ATR (current ATR), both checked on closes; averages within
/// <see cref="EqualityTolerance"/> of each other (relative to the slow one) compare as equal, so float rounding in a
/// flat run cannot fake a cross; after a stop the strategy stays flat until
/// the next cross. A regime filter (<see cref="TrendRegime"/>) blocks entries, never exits.
/// </summary>
public sealed class TrendStrategy : IStrategy
{
    /// <summary>Averages closer than this fraction of the slow one compare as equal.</summary>
    public const double EqualityTolerance = 1e-12;

    private const int Undefined = int.MinValue;
    private readonly SimpleMovingAverage _fast;
    private readonly SimpleMovingAverage _slow;
    private readonly AverageTrueRange? _atr;
    private readonly SimpleMovingAverage? _regimeSma;
    private readonly HurstExponent? _hurst;
    private readonly double _stopAtr;
    private readonly double _trailAtr;
    private int _previousRelation = Undefined;
    private SignalDirection _target;
    private double _entryClose;
    private double _entryAtr;
    private double _bestClose;

    /// <summary>Creates the strategy.</summary>
    public TrendStrategy(int fast = 20, int slow = 60, double stopAtr = 0, double trailAtr = 0, int atrPeriod = 14, TrendRegime regime = TrendRegime.None, int regimePeriod = 200)
    {
        if (fast >= slow)
        {
            throw new StrategyParameterException($"Parameter 'fast' ({fast}) must be smaller than 'slow' ({slow}).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(stopAtr);
        ArgumentOutOfRangeException.ThrowIfNegative(trailAtr);
        _fast = new SimpleMovingAverage(fast);
        _slow = new SimpleMovingAverage(slow);
        _stopAtr = stopAtr;
        _trailAtr = trailAtr;
        if (stopAtr > 0 || trailAtr > 0)
        {
            _atr = new AverageTrueRange(atrPeriod);
        }

        Regime = regime;
        if (regime == TrendRegime.Sma)
        {
            _regimeSma = new SimpleMovingAverage(regimePeriod);
        }
        else if (regime == TrendRegime.Hurst)
        {
            _hurst = new HurstExponent(regimePeriod, Math.Min(20, (regimePeriod - 1) / 2));
        }
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "trend",
        "trend",
        "Fast/slow SMA crossover with optional ATR stop, trailing stop and regime filter (SMA or Hurst).",
        1,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Whole("fast", 2, 500, 20, "fast SMA period (bars)"),
            ParameterDefinition.Whole("slow", 3, 2000, 60, "slow SMA period (bars), above fast"),
            ParameterDefinition.Real("stop_atr", 0, 20, 0, "fixed stop distance in ATRs below/above the entry close; 0 = off", 0.25),
            ParameterDefinition.Real("trail_atr", 0, 20, 0, "trailing stop distance in ATRs from the best close; 0 = off", 0.25),
            ParameterDefinition.Whole("atr_period", 2, 200, 14, "ATR period for the stops"),
            ParameterDefinition.Categorical("regime", ["none", "sma", "hurst"], "none", "entry filter: close vs SMA(regime_period), or Hurst > 0.5"),
            ParameterDefinition.Whole("regime_period", 50, 5000, 200, "regime SMA period or Hurst window (bars)")),
        p => new TrendStrategy(
            p.GetInt("fast"),
            p.GetInt("slow"),
            p.GetDouble("stop_atr"),
            p.GetDouble("trail_atr"),
            p.GetInt("atr_period"),
            (TrendRegime)p.GetInt("regime"),
            p.GetInt("regime_period")));

    /// <inheritdoc/>
    public string Name => "trend";

    /// <inheritdoc/>
    public int SymbolCount => 1;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars => Math.Max(_slow.Period + 1, Math.Max(_regimeSma?.Period ?? 0, _hurst?.Period ?? 0));

    /// <summary>The regime filter in use.</summary>
    public TrendRegime Regime { get; }

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        ref readonly var bar = ref bars[0];
        var close = bar.Close;
        _fast.Update(close);
        _slow.Update(close);
        _atr?.Update(bar);
        _regimeSma?.Update(close);
        _hurst?.Update(close);

        var relation = Relation(_fast.Value, _slow.Value);
        var defined = _previousRelation != Undefined && relation != Undefined;
        var crossUp = defined && relation > 0 && _previousRelation <= 0;
        var crossDown = defined && relation < 0 && _previousRelation >= 0;
        _previousRelation = relation;

        if (!_slow.IsReady)
        {
            context.Emit(0, Signal.Flat(SignalReasons.WarmUp));
            return;
        }

        var reason = SignalReasons.Hold;
        if (crossUp || crossDown)
        {
            var direction = crossUp ? SignalDirection.Long : SignalDirection.Short;
            if (RegimeAllows(direction, close))
            {
                Enter(direction, close);
                reason = crossUp ? SignalReasons.CrossUp : SignalReasons.CrossDown;
            }
            else
            {
                _target = SignalDirection.Flat;
                reason = SignalReasons.RegimeFilter;
            }
        }
        else if (_target != SignalDirection.Flat)
        {
            reason = CheckStops(close);
        }

        context.Emit(0, Signal.Full(_target, reason));
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _atr?.Reset();
        _regimeSma?.Reset();
        _hurst?.Reset();
        _previousRelation = Undefined;
        _target = SignalDirection.Flat;
        _entryClose = _entryAtr = _bestClose = 0;
    }

    // −1, 0 or +1 for fast below, equal to or above slow; averages within EqualityTolerance · |slow| are equal, so the
    // rounding of running sums (a flat run of identical closes) cannot fake a cross.
    private static int Relation(double fast, double slow)
    {
        if (double.IsNaN(fast) || double.IsNaN(slow))
        {
            return Undefined;
        }

        var difference = fast - slow;
        var tolerance = EqualityTolerance * Math.Abs(slow);
        return difference > tolerance ? 1 : difference < -tolerance ? -1 : 0;
    }

    private void Enter(SignalDirection direction, double close)
    {
        _target = direction;
        _entryClose = close;
        _bestClose = close;
        _entryAtr = _atr?.Value ?? double.NaN;
    }

    private string CheckStops(double close)
    {
        var sign = (int)_target;
        _bestClose = sign > 0 ? Math.Max(_bestClose, close) : Math.Min(_bestClose, close);
        if (_stopAtr > 0 && sign * (close - _entryClose) < -_stopAtr * _entryAtr)
        {
            _target = SignalDirection.Flat;
            return SignalReasons.AtrStop;
        }

        if (_trailAtr > 0 && sign * (close - _bestClose) < -_trailAtr * _atr!.Value)
        {
            _target = SignalDirection.Flat;
            return SignalReasons.TrailingStop;
        }

        return SignalReasons.Hold;
    }

    private bool RegimeAllows(SignalDirection direction, double close) => Regime switch
    {
        TrendRegime.Sma => direction == SignalDirection.Long ? close > _regimeSma!.Value : close < _regimeSma!.Value,
        TrendRegime.Hurst => _hurst!.Value > 0.5,
        _ => true,
    };
}
