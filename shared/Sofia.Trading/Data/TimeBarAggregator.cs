namespace Sofia.Trading.Data;

/// <summary>
/// Builds time bars from trades, identically live and in backtests. Bars are aligned to UTC epoch multiples of
/// the interval (<see cref="BarTime.AlignDown"/>). A bar is emitted when the first trade of a later interval
/// arrives (<see cref="Add"/>), or earlier by a clock (<see cref="CloseDue"/>), or at the end of data
/// (<see cref="Flush"/>). Intervals without trades produce no bar: a consumer that needs a continuous series
/// fills them itself (a flat bar at the last close, say), which keeps "no trade" distinguishable from "price
/// unchanged". Within the open bar trades are taken in arrival order (the close is the last one received).
/// A trade older than the open bar, or inside an interval already emitted, is counted in
/// <see cref="DroppedTrades"/> and otherwise ignored: an emitted bar is never revised.
/// </summary>
public sealed class TimeBarAggregator
{
    private long _barStartUs;
    private double _open;
    private double _high;
    private double _low;
    private double _close;
    private double _volume;
    private double _buyVolume;
    private int _trades;
    private long _closedUntilUs = long.MinValue;

    /// <summary>Creates an aggregator of bars <paramref name="interval"/> long (whole seconds).</summary>
    public TimeBarAggregator(TimeSpan interval)
    {
        IntervalUs = BarTime.IntervalUs(interval);
    }

    /// <summary>The bar length in microseconds.</summary>
    public long IntervalUs { get; }

    /// <summary>True while a bar has trades and has not been emitted.</summary>
    public bool HasOpenBar => _trades > 0;

    /// <summary>The open (incomplete) bar so far; default when there is none.</summary>
    public AggregatedBar OpenBar => _trades > 0 ? Snapshot() : default;

    /// <summary>Trades dropped because they were older than the open bar or inside an emitted interval.</summary>
    public long DroppedTrades { get; private set; }

    /// <summary>Adds a trade; returns true with the completed bar when the trade opens a later interval.</summary>
    public bool Add(in TradeTick trade, out AggregatedBar completed)
    {
        var start = BarTime.AlignDown(trade.TimeUs, IntervalUs);
        if (start < _closedUntilUs || (_trades > 0 && start < _barStartUs))
        {
            DroppedTrades++;
            completed = default;
            return false;
        }

        if (_trades > 0 && start == _barStartUs)
        {
            Extend(trade);
            completed = default;
            return false;
        }

        var emitted = _trades > 0;
        completed = emitted ? Emit() : default;
        _barStartUs = start;
        _open = _high = _low = trade.Price;
        _volume = _buyVolume = 0;
        Extend(trade);
        return emitted;
    }

    /// <summary>
    /// Emits the open bar if its interval has ended by <paramref name="nowUs"/> (a clock's UTC epoch µs), so a
    /// live service closes bars on time without waiting for the next trade.
    /// </summary>
    public bool CloseDue(long nowUs, out AggregatedBar completed)
    {
        if (_trades > 0 && nowUs >= _barStartUs + IntervalUs)
        {
            completed = Emit();
            return true;
        }

        completed = default;
        return false;
    }

    /// <summary>Emits the open bar whatever the time (end of a backtest or of a recording).</summary>
    public bool Flush(out AggregatedBar completed)
    {
        if (_trades > 0)
        {
            completed = Emit();
            return true;
        }

        completed = default;
        return false;
    }

    /// <summary>Forgets the open bar, the emitted history and the dropped count.</summary>
    public void Reset()
    {
        _trades = 0;
        _closedUntilUs = long.MinValue;
        DroppedTrades = 0;
    }

    private void Extend(in TradeTick trade)
    {
        if (trade.Price > _high)
        {
            _high = trade.Price;
        }

        if (trade.Price < _low)
        {
            _low = trade.Price;
        }

        _close = trade.Price;
        _volume += trade.Quantity;
        if (trade.TakerIsBuyer)
        {
            _buyVolume += trade.Quantity;
        }

        _trades++;
    }

    private AggregatedBar Emit()
    {
        var bar = Snapshot();
        _closedUntilUs = _barStartUs + IntervalUs;
        _trades = 0;
        return bar;
    }

    private AggregatedBar Snapshot() =>
        new(new Bar(_barStartUs, _open, _high, _low, _close, _volume), _buyVolume, _trades);
}
