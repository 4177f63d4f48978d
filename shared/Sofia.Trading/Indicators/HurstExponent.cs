namespace Sofia.Trading.Indicators;

/// <summary>
/// Rolling Hurst exponent by the variance-of-lags method: over the last <c>window</c> values x (natural logs of
/// the inputs when <c>logTransform</c> is set, for prices), the variance of the lagged differences
/// x[t] − x[t−τ] grows like τ^(2H); H is half the least-squares slope of ln Var(τ) on ln τ for τ = 1..maxLag.
/// The variance is centred, so a steady drift alone does not read as persistence. About 0.5 for a random walk,
/// above for persistent (trending) increments, below for anti-persistent (mean-reverting) ones. NaN when some
/// lag has zero variance (a flat window).
/// Running sums per lag make an update O(maxLag), independent of the window; they are recomputed from the
/// window every <c>window</c> updates so rounding cannot drift.
/// </summary>
public sealed class HurstExponent : ISeriesIndicator
{
    private readonly RingBuffer<double> _window;
    private readonly double[] _sums;
    private readonly double[] _squares;
    private readonly double[] _logLagDeviation;
    private readonly double _logLagSpread;
    private readonly bool _logTransform;
    private int _sinceResum;

    /// <summary>Creates a rolling Hurst exponent over <paramref name="window"/> values and lags 1..<paramref name="maxLag"/>.</summary>
    public HurstExponent(int window = 200, int maxLag = 20, bool logTransform = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLag, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, 2 * maxLag);
        _window = new RingBuffer<double>(window);
        _logTransform = logTransform;
        MaxLag = maxLag;
        _sums = new double[maxLag + 1];
        _squares = new double[maxLag + 1];
        _logLagDeviation = new double[maxLag + 1];

        var meanLogLag = 0.0;
        for (var lag = 1; lag <= maxLag; lag++)
        {
            meanLogLag += Math.Log(lag);
        }

        meanLogLag /= maxLag;
        for (var lag = 1; lag <= maxLag; lag++)
        {
            _logLagDeviation[lag] = Math.Log(lag) - meanLogLag;
            _logLagSpread += _logLagDeviation[lag] * _logLagDeviation[lag];
        }
    }

    /// <summary>Number of values in the window.</summary>
    public int Period => _window.Capacity;

    /// <summary>Largest lag in the regression.</summary>
    public int MaxLag { get; }

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
        var x = _logTransform ? Math.Log(value) : value;
        var count = _window.Count;
        if (_window.IsFull)
        {
            // The oldest value leaves: drop every difference that starts at it.
            var oldest = _window[count - 1];
            for (var lag = 1; lag <= MaxLag; lag++)
            {
                var d = _window[count - 1 - lag] - oldest;
                _sums[lag] -= d;
                _squares[lag] -= d * d;
            }
        }

        for (var lag = 1; lag <= MaxLag && lag <= count; lag++)
        {
            var d = x - _window[lag - 1];
            _sums[lag] += d;
            _squares[lag] += d * d;
        }

        _window.Add(x);
        if (!_window.IsFull)
        {
            return false;
        }

        if (++_sinceResum >= Period)
        {
            _sinceResum = 0;
            Resum();
        }

        Value = Estimate();
        return true;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _window.Clear();
        Array.Clear(_sums);
        Array.Clear(_squares);
        _sinceResum = 0;
        Samples = 0;
        Value = double.NaN;
    }

    private double Estimate()
    {
        var slope = 0.0;
        for (var lag = 1; lag <= MaxLag; lag++)
        {
            var n = Period - lag;
            var mean = _sums[lag] / n;
            var variance = (_squares[lag] / n) - (mean * mean);
            if (variance <= 0)
            {
                return double.NaN;
            }

            slope += _logLagDeviation[lag] * Math.Log(variance);
        }

        return slope / _logLagSpread / 2;
    }

    private void Resum()
    {
        for (var lag = 1; lag <= MaxLag; lag++)
        {
            double sum = 0, squares = 0;
            for (var age = 0; age + lag < _window.Count; age++)
            {
                var d = _window[age] - _window[age + lag];
                sum += d;
                squares += d * d;
            }

            _sums[lag] = sum;
            _squares[lag] = squares;
        }
    }
}
