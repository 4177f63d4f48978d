namespace Sofia.Trading.Indicators;

/// <summary>
/// Donchian channels: Upper = highest high and Lower = lowest low over the window (see <see cref="DonchianWindow"/>),
/// Middle = their mean, Width = (Upper − Lower) / Middle. Monotonic deques keep updates amortized O(1).
/// <see cref="Value"/> is the middle line.
/// </summary>
public sealed class DonchianChannels : IIndicator
{
    private readonly SlidingExtremum _highs;
    private readonly SlidingExtremum _lows;

    /// <summary>Creates channels over <paramref name="period"/> bars.</summary>
    public DonchianChannels(int period = 20, DonchianWindow window = DonchianWindow.PrecedingBars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        Window = window;
        _highs = new SlidingExtremum(period, maximum: true);
        _lows = new SlidingExtremum(period, maximum: false);
    }

    /// <summary>Number of bars spanned.</summary>
    public int Period { get; }

    /// <summary>Whether the window includes the current bar.</summary>
    public DonchianWindow Window { get; }

    /// <summary>Highest high in the window.</summary>
    public double Upper { get; private set; } = double.NaN;

    /// <summary>Lowest low in the window.</summary>
    public double Lower { get; private set; } = double.NaN;

    /// <summary>(Upper + Lower) / 2.</summary>
    public double Middle { get; private set; } = double.NaN;

    /// <summary>(Upper − Lower) / Middle.</summary>
    public double Width { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public bool IsReady => Samples >= WarmUpPeriod;

    /// <inheritdoc/>
    public int WarmUpPeriod => Window == DonchianWindow.PrecedingBars ? Period + 1 : Period;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value => Middle;

    /// <inheritdoc/>
    public bool Update(in Bar bar)
    {
        Samples++;
        if (Window == DonchianWindow.IncludingCurrentBar)
        {
            Add(bar);
            Publish();
        }
        else
        {
            Publish();
            Add(bar);
        }

        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _highs.Reset();
        _lows.Reset();
        Samples = 0;
        Upper = Lower = Middle = Width = double.NaN;
    }

    private void Add(in Bar bar)
    {
        _highs.Add(bar.High);
        _lows.Add(bar.Low);
    }

    private void Publish()
    {
        if (_highs.Count < Period)
        {
            return;
        }

        Upper = _highs.Value;
        Lower = _lows.Value;
        Middle = (Upper + Lower) / 2;
        Width = (Upper - Lower) / Middle;
    }
}
