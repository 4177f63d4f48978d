namespace Sofia.Trading.Indicators;

/// <summary>
/// Wilder's RSI: 100 − 100 / (1 + avgGain / avgLoss), with gains and losses of consecutive values smoothed by
/// Wilder's average seeded with the simple mean of the first <c>period</c> changes. The first value needs
/// period + 1 inputs. A window without losses reads 100 (Stock.Indicators and LEAN agree).
/// </summary>
public sealed class RelativeStrengthIndex : ISeriesIndicator
{
    private WilderAverage _gain;
    private WilderAverage _loss;
    private double _previous;

    /// <summary>Creates an RSI over <paramref name="period"/> changes (14 is Wilder's).</summary>
    public RelativeStrengthIndex(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _gain = new WilderAverage(period);
        _loss = new WilderAverage(period);
    }

    /// <summary>Number of changes smoothed.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public bool IsReady => _gain.IsReady;

    /// <inheritdoc/>
    public int WarmUpPeriod => Period + 1;

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
        if (Samples > 1)
        {
            var change = value - _previous;
            _gain.Add(change > 0 ? change : 0);
            _loss.Add(change < 0 ? -change : 0);
            if (_gain.IsReady)
            {
                var loss = _loss.Value;
                Value = loss == 0 ? 100 : 100 - (100 / (1 + (_gain.Value / loss)));
            }
        }

        _previous = value;
        return _gain.IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _gain.Reset();
        _loss.Reset();
        _previous = 0;
        Samples = 0;
        Value = double.NaN;
    }
}
