namespace Sofia.MarketData.Internal;

/// <summary>
/// One minute of one market in the embedded store: its one-minute candle, kept up to date trade by trade (each trade is
/// added once, so the sums are exact), and its trades until the store's memory policy drops them.
/// </summary>
internal sealed class EmbeddedMinute(long startSeconds)
{
    private List<EmbeddedTrade>? _trades = [];
    private bool _sorted = true;
    private EmbeddedTrade _open;
    private EmbeddedTrade _close;

    public long StartSeconds { get; } = startSeconds;

    public Int128 High { get; private set; }

    public Int128 Low { get; private set; }

    public Int128 Volume { get; private set; }

    public Int128 BuyVolume { get; private set; }

    public long Trades { get; private set; }

    public Int128 Open => _open.Price;

    public Int128 Close => _close.Price;

    public long LastTimeUs { get; private set; }

    /// <summary>Trades still held (null once dropped).</summary>
    public int HeldTrades => _trades?.Count ?? 0;

    public void Add(in EmbeddedTrade trade)
    {
        if (Trades == 0)
        {
            _open = _close = trade;
            High = Low = trade.Price;
            LastTimeUs = trade.TimeUs;
        }
        else
        {
            if (trade.CompareOrder(_open) < 0)
            {
                _open = trade;
            }

            if (trade.CompareOrder(_close) > 0)
            {
                _close = trade;
            }

            High = Int128.Max(High, trade.Price);
            Low = Int128.Min(Low, trade.Price);
            LastTimeUs = Math.Max(LastTimeUs, trade.TimeUs);
        }

        Volume += trade.Quantity;
        if (trade.Side == MarketTick.Buy)
        {
            BuyVolume += trade.Quantity;
        }

        Trades++;
        if (_trades is { } trades)
        {
            _sorted &= trades.Count == 0 || trade.CompareOrder(trades[^1]) > 0;
            trades.Add(trade);
        }
    }

    /// <summary>The held trades in the schema's order.</summary>
    public IReadOnlyList<EmbeddedTrade> OrderedTrades()
    {
        if (_trades is null)
        {
            return [];
        }

        if (!_sorted)
        {
            _trades.Sort(static (a, b) => a.CompareOrder(b));
            _sorted = true;
        }

        return _trades;
    }

    /// <summary>Drops the trades (the candle stays); returns them so the store can forget their ids.</summary>
    public List<EmbeddedTrade> DropTrades()
    {
        var trades = _trades ?? [];
        _trades = null;
        return trades;
    }
}
