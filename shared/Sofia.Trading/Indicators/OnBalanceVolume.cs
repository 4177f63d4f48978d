namespace Sofia.Trading.Indicators;

/// <summary>
/// On-balance volume: adds the bar's volume when the close rises, subtracts it when the close falls, keeps it
/// on an unchanged close. See <see cref="ObvStart"/> for the first bar. The running total is a double; OBV is
/// a signal, not money.
/// </summary>
public sealed class OnBalanceVolume : IIndicator
{
    private double _total;
    private double _previousClose;

    /// <summary>Creates an OBV with the given start convention.</summary>
    public OnBalanceVolume(ObvStart start = ObvStart.Zero)
    {
        Start = start;
    }

    /// <summary>The start convention.</summary>
    public ObvStart Start { get; }

    /// <inheritdoc/>
    public bool IsReady => Samples >= WarmUpPeriod;

    /// <inheritdoc/>
    public int WarmUpPeriod => Start == ObvStart.Zero ? 1 : 2;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value => IsReady ? _total : double.NaN;

    /// <inheritdoc/>
    public bool Update(in Bar bar)
    {
        Samples++;
        if (Samples == 1)
        {
            _total = Start == ObvStart.Zero ? 0 : bar.Volume;
        }
        else if (bar.Close > _previousClose)
        {
            _total += bar.Volume;
        }
        else if (bar.Close < _previousClose)
        {
            _total -= bar.Volume;
        }

        _previousClose = bar.Close;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _total = 0;
        _previousClose = 0;
        Samples = 0;
    }
}
