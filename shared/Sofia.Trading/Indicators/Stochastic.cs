namespace Sofia.Trading.Indicators;

/// <summary>
/// Slow stochastic oscillator: FastK = 100·(close − lowest low) / (highest high − lowest low) over
/// <c>lookbackPeriod</c> bars (0 when the range is flat), K = SMA(kSmoothingPeriod) of FastK,
/// D = SMA(dPeriod) of K. Stock.Indicators' Stoch(14, 3, 3) is (lookback 14, D 3, K smoothing 3); LEAN's
/// Stochastic(12, 3, 5) is (lookback 12, K smoothing 3, D 5): both follow this definition and warm-up.
/// <see cref="Value"/> is K.
/// </summary>
public sealed class Stochastic : IIndicator
{
    private readonly SlidingExtremum _highs;
    private readonly SlidingExtremum _lows;
    private readonly SimpleMovingAverage _k;
    private readonly SimpleMovingAverage _d;

    /// <summary>Creates a stochastic oscillator.</summary>
    public Stochastic(int lookbackPeriod = 14, int kSmoothingPeriod = 3, int dPeriod = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriod, 1);
        _highs = new SlidingExtremum(lookbackPeriod, maximum: true);
        _lows = new SlidingExtremum(lookbackPeriod, maximum: false);
        _k = new SimpleMovingAverage(kSmoothingPeriod);
        _d = new SimpleMovingAverage(dPeriod);
        LookbackPeriod = lookbackPeriod;
    }

    /// <summary>Bars spanned by the highest high and lowest low.</summary>
    public int LookbackPeriod { get; }

    /// <summary>The raw (fast) %K.</summary>
    public double FastK { get; private set; } = double.NaN;

    /// <summary>%K: FastK smoothed.</summary>
    public double K => _k.Value;

    /// <summary>%D: K smoothed.</summary>
    public double D => _d.Value;

    /// <inheritdoc/>
    public bool IsReady => _d.IsReady;

    /// <inheritdoc/>
    public int WarmUpPeriod => LookbackPeriod + _k.Period + _d.Period - 2;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value => K;

    /// <inheritdoc/>
    public bool Update(in Bar bar)
    {
        Samples++;
        _highs.Add(bar.High);
        _lows.Add(bar.Low);
        if (_highs.Count < LookbackPeriod)
        {
            return false;
        }

        var highest = _highs.Value;
        var lowest = _lows.Value;
        FastK = highest > lowest ? 100 * (bar.Close - lowest) / (highest - lowest) : 0;
        if (_k.Update(FastK))
        {
            _d.Update(_k.Value);
        }

        return _d.IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _highs.Reset();
        _lows.Reset();
        _k.Reset();
        _d.Reset();
        Samples = 0;
        FastK = double.NaN;
    }
}
