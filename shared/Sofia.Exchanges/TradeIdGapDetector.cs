namespace Sofia.Exchanges;

/// <summary>
/// Watches one symbol's trade ids where the exchange numbers trades consecutively per market (Binance,
/// OKX, Coinbase) and reports the ids that never arrived. Ids at or below the highest seen are
/// duplicates or late arrivals and change nothing. Not thread-safe: one per symbol per connection loop.
/// </summary>
public sealed class TradeIdGapDetector
{
    /// <summary>The highest trade id seen, or null before the first trade.</summary>
    public long? LastTradeId { get; private set; }

    /// <summary>Trades whose ids were not above the highest seen (re-sent or late).</summary>
    public long StaleTrades { get; private set; }

    /// <summary>Records a print covering ids <paramref name="firstTradeId"/>..<paramref name="lastTradeId"/> and returns the ids skipped before it.</summary>
    public TradeIdGap Observe(long firstTradeId, long lastTradeId)
    {
        if (lastTradeId < firstTradeId)
        {
            throw new ArgumentOutOfRangeException(nameof(lastTradeId), "The last id of a print precedes its first id.");
        }

        if (LastTradeId is not { } last)
        {
            LastTradeId = lastTradeId;
            return TradeIdGap.None;
        }

        if (lastTradeId <= last)
        {
            StaleTrades++;
            return TradeIdGap.None;
        }

        LastTradeId = lastTradeId;
        return firstTradeId > last + 1 ? new TradeIdGap(last + 1, firstTradeId - 1) : TradeIdGap.None;
    }

    /// <summary>Records one parsed trade; trades without a numeric id are ignored.</summary>
    public TradeIdGap Observe(in ParsedTrade trade) =>
        trade.HasNumericTradeId ? Observe(trade.FirstTradeId, trade.TradeId) : TradeIdGap.None;

    /// <summary>Forgets the history, e.g. when the exchange announces that it renumbers.</summary>
    public void Reset()
    {
        LastTradeId = null;
        StaleTrades = 0;
    }
}
