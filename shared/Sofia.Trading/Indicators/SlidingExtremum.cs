namespace Sofia.Trading.Indicators;

/// <summary>
/// Maximum (or minimum) of the last N values with a monotonic deque: amortized O(1) per value, no allocation
/// after construction. The deque holds candidates in arrival order with strictly worsening values, so the
/// front is the extremum and a candidate leaves only once.
/// </summary>
internal sealed class SlidingExtremum
{
    private readonly long[] _positions;
    private readonly double[] _values;
    private readonly int _window;
    private readonly bool _maximum;
    private int _head;
    private int _count;
    private long _position;

    public SlidingExtremum(int window, bool maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        _maximum = maximum;
        _positions = new long[window];
        _values = new double[window];
    }

    /// <summary>Values seen, capped at the window length.</summary>
    public int Count => (int)Math.Min(_position, _window);

    /// <summary>The extremum of the values in the window; NaN when empty.</summary>
    public double Value => _count == 0 ? double.NaN : _values[_head];

    public void Add(double value)
    {
        // Expire the front first, which keeps the deque within the window's length.
        if (_count > 0 && _positions[_head] <= _position - _window)
        {
            _head = Wrap(_head + 1);
            _count--;
        }

        // Drop candidates the new value dominates (ties go too: the newer one lives longer).
        while (_count > 0)
        {
            var back = Wrap(_head + _count - 1);
            var dominated = _maximum ? _values[back] <= value : _values[back] >= value;
            if (!dominated)
            {
                break;
            }

            _count--;
        }

        var slot = Wrap(_head + _count);
        _positions[slot] = _position;
        _values[slot] = value;
        _count++;
        _position++;
    }

    public void Reset()
    {
        _head = 0;
        _count = 0;
        _position = 0;
    }

    private int Wrap(int index) => index >= _window ? index - _window : index;
}
