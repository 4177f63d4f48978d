namespace Sofia.Trading.Indicators;

/// <summary>
/// Mean and sum of squared deviations over the last N values, updated in O(1) with Welford's sliding-window
/// recurrence (no large-number cancellation as with raw sums of squares) and recomputed exactly from the
/// window every N updates so rounding cannot drift.
/// </summary>
internal sealed class RollingMoments
{
    private readonly RingBuffer<double> _window;
    private double _squaredDeviations;
    private int _sinceResum;

    public RollingMoments(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _window = new RingBuffer<double>(period);
    }

    public int Period => _window.Capacity;

    public int Count => _window.Count;

    public bool IsFull => _window.IsFull;

    public double Mean { get; private set; }

    public double Variance(DeviationKind kind)
    {
        var divisor = kind == DeviationKind.Sample ? Count - 1 : Count;
        return divisor <= 0 ? double.NaN : Math.Max(_squaredDeviations, 0) / divisor;
    }

    public void Add(double value)
    {
        if (_window.Add(value, out var evicted))
        {
            var oldMean = Mean;
            Mean += (value - evicted) / Period;
            _squaredDeviations += (value - evicted) * (value - Mean + evicted - oldMean);
            if (++_sinceResum >= Period)
            {
                _sinceResum = 0;
                Resum();
            }
        }
        else
        {
            var delta = value - Mean;
            Mean += delta / _window.Count;
            _squaredDeviations += delta * (value - Mean);
        }
    }

    public void Reset()
    {
        _window.Clear();
        Mean = 0;
        _squaredDeviations = 0;
        _sinceResum = 0;
    }

    private void Resum()
    {
        var mean = WindowMath.Sum(_window) / _window.Count;
        var squares = 0.0;
        for (var age = 0; age < _window.Count; age++)
        {
            var d = _window[age] - mean;
            squares += d * d;
        }

        Mean = mean;
        _squaredDeviations = squares;
    }
}
