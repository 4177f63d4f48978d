namespace Sofia.Trading.Indicators;

/// <summary>
/// Exponential moving average with smoothing 2 / (period + 1), seeded with the simple mean of the first
/// <c>period</c> values (the convention of Stock.Indicators and LEAN), so the first value appears on the
/// <c>period</c>-th update.
/// </summary>
public sealed class ExponentialMovingAverage : ISeriesIndicator
{
    private readonly double _alpha;
    private double _seedSum;

    /// <summary>Creates an EMA over <paramref name="period"/> values.</summary>
    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _alpha = 2.0 / (period + 1);
    }

    /// <summary>The period that sets the smoothing factor and the seed length.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public bool IsReady => Samples >= Period;

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
        if (Samples < Period)
        {
            _seedSum += value;
        }
        else if (Samples == Period)
        {
            Value = (_seedSum + value) / Period;
        }
        else
        {
            Value += _alpha * (value - Value);
        }

        return Samples >= Period;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _seedSum = 0;
        Samples = 0;
        Value = double.NaN;
    }
}
