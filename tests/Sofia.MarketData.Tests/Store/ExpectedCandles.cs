using Sofia.MarketData;

namespace Sofia.MarketData.Tests.Store;

/// <summary>Candles computed from the trades in the test, independently of any store: LINQ over decimals, each trade once.</summary>
internal static class ExpectedCandles
{
    public static List<Candle> Compute(IEnumerable<StoreTrade> trades, string exchange, string symbol, int seconds, long fromSeconds = 0, long toSeconds = long.MaxValue)
    {
        var market = trades
            .DistinctBy(t => (t.Exchange, t.Symbol, t.Id))
            .Where(t => t.Exchange == exchange && t.Symbol == symbol);
        var candles = new List<Candle>();
        foreach (var bucket in market.GroupBy(t => t.TimeUs / 1_000_000 / seconds * seconds).Where(g => g.Key >= fromSeconds && g.Key < toSeconds).OrderBy(g => g.Key))
        {
            var ordered = Ordered(bucket);
            var open = DateTimeOffset.FromUnixTimeSeconds(bucket.Key);
            candles.Add(new Candle(
                open,
                open.AddSeconds(seconds),
                ordered[0].Price,
                ordered.Max(t => t.Price),
                ordered.Min(t => t.Price),
                ordered[^1].Price,
                ordered.Sum(t => t.Quantity),
                ordered.Where(t => t.Buy).Sum(t => t.Quantity),
                ordered.Count));
        }

        return candles;
    }

    /// <summary>The schema's order: exchange time, then trade id length, then trade id.</summary>
    public static List<StoreTrade> Ordered(IEnumerable<StoreTrade> trades) =>
        trades.OrderBy(t => t.TimeUs).ThenBy(t => t.Id.Length).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
}
