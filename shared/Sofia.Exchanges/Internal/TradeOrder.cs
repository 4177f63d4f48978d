namespace Sofia.Exchanges.Internal;

/// <summary>
/// Puts a frame's trades in ascending exchange time, then trade id. Coinbase lists the newest trade
/// first; gap detection and downstream consumers want the oldest first. Frames are short and usually
/// already ordered, so an insertion sort is cheapest.
/// </summary>
internal static class TradeOrder
{
    public static void Sort(Span<ParsedTrade> trades)
    {
        for (var i = 1; i < trades.Length; i++)
        {
            if (!Precedes(trades[i], trades[i - 1]))
            {
                continue;
            }

            var item = trades[i];
            var j = i - 1;
            while (j >= 0 && Precedes(item, trades[j]))
            {
                trades[j + 1] = trades[j];
                j--;
            }

            trades[j + 1] = item;
        }
    }

    private static bool Precedes(in ParsedTrade a, in ParsedTrade b) =>
        a.ExchangeTimeUs < b.ExchangeTimeUs
        || (a.ExchangeTimeUs == b.ExchangeTimeUs && a.HasNumericTradeId && b.HasNumericTradeId && a.TradeId < b.TradeId);
}
