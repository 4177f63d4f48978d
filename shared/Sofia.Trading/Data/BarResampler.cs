namespace Sofia.Trading.Data;

/// <summary>
/// Resamples bars to a longer interval (1m to 5m, 15m, 1h, 4h, 1d) with the alignment rule of
/// <see cref="TimeBarAggregator"/>: a source bar belongs to the target interval holding its open time, so the
/// source interval must divide the target one. Open = first bar's open, High/Low = extremes, Close = last
/// bar's close, Volume = sum. A target bar is emitted when a bar of a later interval arrives, by a clock
/// (<see cref="CloseDue"/>) or at the end (<see cref="Flush"/>); it may hold fewer source bars than fit when the
/// source has gaps, and intervals without source bars produce nothing. Bars older than the open target bar, or
/// inside an emitted interval, are counted in <see cref="DroppedBars"/> and ignored.
/// </summary>
public sealed class BarResampler
{
    private Bar _current;
    private bool _open;
    private long _closedUntilUs = long.MinValue;

    /// <summary>Creates a resampler to bars <paramref name="interval"/> long (whole seconds).</summary>
    public BarResampler(TimeSpan interval)
    {
        IntervalUs = BarTime.IntervalUs(interval);
    }

    /// <summary>The target bar length in microseconds.</summary>
    public long IntervalUs { get; }

    /// <summary>Source bars dropped as out of order.</summary>
    public long DroppedBars { get; private set; }

    /// <summary>Resamples a whole series, including a last target bar that the data ends inside.</summary>
    public static Bar[] Resample(ReadOnlySpan<Bar> bars, TimeSpan interval)
    {
        var resampler = new BarResampler(interval);
        var output = new List<Bar>(Math.Max(1, bars.Length / 4));
        foreach (ref readonly var bar in bars)
        {
            if (resampler.Add(bar, out var completed))
            {
                output.Add(completed);
            }
        }

        if (resampler.Flush(out var last))
        {
            output.Add(last);
        }

        return [.. output];
    }

    /// <summary>Adds a source bar; returns true with the completed target bar when it opens a later interval.</summary>
    public bool Add(in Bar bar, out Bar completed)
    {
        var start = BarTime.AlignDown(bar.OpenTimeUs, IntervalUs);
        if (start < _closedUntilUs || (_open && start < _current.OpenTimeUs))
        {
            DroppedBars++;
            completed = default;
            return false;
        }

        if (_open && start == _current.OpenTimeUs)
        {
            _current = _current with
            {
                High = Math.Max(_current.High, bar.High),
                Low = Math.Min(_current.Low, bar.Low),
                Close = bar.Close,
                Volume = _current.Volume + bar.Volume,
            };
            completed = default;
            return false;
        }

        var emitted = _open;
        completed = emitted ? Emit() : default;
        _current = bar with { OpenTimeUs = start };
        _open = true;
        return emitted;
    }

    /// <summary>Emits the open target bar if its interval has ended by <paramref name="nowUs"/>.</summary>
    public bool CloseDue(long nowUs, out Bar completed)
    {
        if (_open && nowUs >= _current.OpenTimeUs + IntervalUs)
        {
            completed = Emit();
            return true;
        }

        completed = default;
        return false;
    }

    /// <summary>Emits the open target bar whatever the time.</summary>
    public bool Flush(out Bar completed)
    {
        if (_open)
        {
            completed = Emit();
            return true;
        }

        completed = default;
        return false;
    }

    private Bar Emit()
    {
        _open = false;
        _closedUntilUs = _current.OpenTimeUs + IntervalUs;
        return _current;
    }
}
