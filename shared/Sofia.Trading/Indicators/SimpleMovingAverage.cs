namespace Sofia.Trading.Indicators;

/// <summary>
/// Simple moving average of the last <c>period</c> values. A running sum gives O(1) updates; it is
/// re-summed from the window every <c>period</c> updates so rounding cannot drift.
/// </summary>
public sealed class SimpleMovingAverage : ISeriesIndicator
{
    private readonly RingBuffer<double> _window;
    private double _sum;
    private int _sinceResum;

    /// <summary>Creates an SMA over <paramref name="period"/> values.</summary>
    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RingBuffer<double>(period);
    }

    /// <summary>Number of values averaged.</summary>
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
        if (_window.Add(value, out var evicted))
        {
            _sum += value - evicted;
            if (++_sinceResum >= Period)
            {
                _sinceResum = 0;
                _sum = WindowMath.Sum(_window);
            }
        }
        else
        {
            _sum += value;
        }

        if (_window.IsFull)
        {
            Value = _sum / Period;
        }

        return _window.IsFull;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _window.Clear();
        _sum = 0;
        _sinceResum = 0;
        Samples = 0;
        Value = double.NaN;
    }
}
