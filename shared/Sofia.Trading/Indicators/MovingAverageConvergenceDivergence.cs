namespace Sofia.Trading.Indicators;

/// <summary>
/// MACD: Macd = EMA(fast) − EMA(slow) of closes, Signal = EMA(signal) of Macd, Histogram = Macd − Signal.
/// Every EMA is seeded with its simple mean, so Macd appears on bar <c>slow</c> and Signal on bar
/// slow + signal − 1 (<see cref="WarmUpPeriod"/>). <see cref="Value"/> is the MACD line.
/// </summary>
public sealed class MovingAverageConvergenceDivergence : ISeriesIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    /// <summary>Creates a MACD (12, 26, 9 are Appel's).</summary>
    public MovingAverageConvergenceDivergence(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriod, fastPeriod);
        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    /// <summary>EMA(fast) − EMA(slow); NaN until the slow EMA has its seed.</summary>
    public double Macd { get; private set; } = double.NaN;

    /// <summary>EMA of <see cref="Macd"/>.</summary>
    public double Signal => _signal.Value;

    /// <summary><see cref="Macd"/> − <see cref="Signal"/>.</summary>
    public double Histogram => Macd - Signal;

    /// <summary>The fast EMA of closes.</summary>
    public double FastEma => _fast.Value;

    /// <summary>The slow EMA of closes.</summary>
    public double SlowEma => _slow.Value;

    /// <inheritdoc/>
    public bool IsReady => _signal.IsReady;

    /// <inheritdoc/>
    public int WarmUpPeriod => _slow.Period + _signal.Period - 1;

    /// <inheritdoc/>
    public int Samples => _slow.Samples;

    /// <inheritdoc/>
    public double Value => Macd;

    /// <inheritdoc/>
    public bool Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool Update(double value)
    {
        _fast.Update(value);
        if (_slow.Update(value))
        {
            Macd = _fast.Value - _slow.Value;
            _signal.Update(Macd);
        }

        return _signal.IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        Macd = double.NaN;
    }
}
