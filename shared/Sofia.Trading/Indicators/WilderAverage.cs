namespace Sofia.Trading.Indicators;

/// <summary>
/// Wilder's smoothing: the simple mean of the first <c>period</c> values, then
/// avg = (avg·(period − 1) + x) / period. Shared by RSI and ATR.
/// </summary>
internal struct WilderAverage
{
    private readonly int _period;
    private double _seedSum;
    private int _count;

    public WilderAverage(int period)
    {
        _period = period;
        Value = double.NaN;
    }

    public readonly bool IsReady => _count >= _period;

    public double Value { readonly get; private set; }

    public void Add(double x)
    {
        _count++;
        if (_count < _period)
        {
            _seedSum += x;
        }
        else if (_count == _period)
        {
            Value = (_seedSum + x) / _period;
        }
        else
        {
            Value = ((Value * (_period - 1)) + x) / _period;
        }
    }

    public void Reset()
    {
        _seedSum = 0;
        _count = 0;
        Value = double.NaN;
    }
}
