namespace Sofia.Trading.Indicators;

/// <summary>
/// Linearly weighted moving average: the newest of the last <c>period</c> values weighs <c>period</c>, the
/// oldest 1, divided by period·(period+1)/2. O(1): adding a value lowers every older weight by one, which is
/// subtracting the plain sum; both sums are re-computed from the window every <c>period</c> updates.
/// </summary>
public sealed class WeightedMovingAverage : ISeriesIndicator
{
    private readonly RingBuffer<double> _window;
    private readonly double _divisor;
    private double _sum;
    private double _weightedSum;
    private int _sinceResum;

    /// <summary>Creates a WMA over <paramref name="period"/> values.</summary>
    public WeightedMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RingBuffer<double>(period);
        _divisor = period * (period + 1) / 2.0;
    }

    /// <summary>Number of values weighted.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public bool IsReady => _window.IsFull;

    /// <inheritdoc/>
    public int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public bool Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool Update(double value)
    {
        Samples++;
        var sumBefore = _sum;
        if (_window.Add(value, out var evicted))
        {
            // Every held value loses one unit of weight (the oldest drops to zero and leaves).
            _weightedSum += (Period * value) - sumBefore;
            _sum += value - evicted;
            if (++_sinceResum >= Period)
            {
                _sinceResum = 0;
                Resum();
            }
        }
        else
        {
            _weightedSum += _window.Count * value;
            _sum += value;
        }

        if (_window.IsFull)
        {
            Value = _weightedSum / _divisor;
        }

        return _window.IsFull;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _window.Clear();
        _sum = 0;
        _weightedSum = 0;
        _sinceResum = 0;
        Samples = 0;
        Value = double.NaN;
    }

    private void Resum()
    {
        double sum = 0, weighted = 0;
        for (var age = 0; age < _window.Count; age++)
        {
            var x = _window[age];
            sum += x;
            weighted += (Period - age) * x;
        }

        _sum = sum;
        _weightedSum = weighted;
    }
}
