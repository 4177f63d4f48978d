namespace Sofia.Trading.Indicators;

/// <summary>
/// Wilder's average true range: the true range smoothed by Wilder's average seeded with the simple mean of
/// the first <c>period</c> true ranges. Warm-up is period + 1 bars with <see cref="TrueRangeStart.FromSecondBar"/>
/// (Stock.Indicators), period bars with <see cref="TrueRangeStart.FirstBarHighLow"/> (LEAN).
/// </summary>
public sealed class AverageTrueRange : IIndicator
{
    private readonly TrueRange _trueRange;
    private WilderAverage _average;

    /// <summary>Creates an ATR over <paramref name="period"/> true ranges.</summary>
    public AverageTrueRange(int period = 14, TrueRangeStart start = TrueRangeStart.FromSecondBar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _trueRange = new TrueRange(start);
        _average = new WilderAverage(period);
    }

    /// <summary>Number of true ranges smoothed.</summary>
    public int Period { get; }

    /// <summary>The first-bar convention.</summary>
    public TrueRangeStart Start => _trueRange.Start;

    /// <summary>The latest true range; NaN until available.</summary>
    public double TrueRange => _trueRange.Value;

    /// <inheritdoc/>
    public bool IsReady => _average.IsReady;

    /// <inheritdoc/>
    public int WarmUpPeriod => Period + _trueRange.WarmUpPeriod - 1;

    /// <inheritdoc/>
    public int Samples => _trueRange.Samples;

    /// <inheritdoc/>
    public double Value => _average.Value;

    /// <inheritdoc/>
    public bool Update(in Bar bar)
    {
        if (_trueRange.Update(bar))
        {
            _average.Add(_trueRange.Value);
        }

        return _average.IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _trueRange.Reset();
        _average.Reset();
    }
}
