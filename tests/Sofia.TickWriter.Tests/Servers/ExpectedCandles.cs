using Sofia.Contracts.V1;
using Candle = Sofia.MarketData.Candle;

namespace Sofia.TickWriter.Tests.Servers;

/// <summary>Candles computed in the test from the list of published ticks, independently of ClickHouse.</summary>
internal static class ExpectedCandles
{
    public static List<Tick> Distinct(IEnumerable<Tick> ticks) =>
        ticks.DistinctBy(t => (t.Exchange, t.Symbol, t.TradeId)).ToList();

    public static List<Candle> Compute(IEnumerable<Tick> published, string exchange, string symbol, int seconds)
    {
        var candles = new List<Candle>();
        var market = Distinct(published).Where(t => t.Exchange == exchange && t.Symbol == symbol);
        foreach (var bucket in market.GroupBy(t => t.ExchangeTimeUs / 1_000_000 / seconds * seconds).OrderBy(g => g.Key))
        {
            var ordered = bucket
                .OrderBy(t => t.ExchangeTimeUs)
                .ThenBy(t => t.TradeId.Length)
                .ThenBy(t => t.TradeId, StringComparer.Ordinal)
                .ToList();
            var open = DateTimeOffset.FromUnixTimeSeconds(bucket.Key);
            candles.Add(new Candle(
                open,
                open.AddSeconds(seconds),
                ordered[0].Price.ToDecimal(),
                ordered.Max(t => t.Price.ToDecimal()),
                ordered.Min(t => t.Price.ToDecimal()),
                ordered[^1].Price.ToDecimal(),
                ordered.Sum(t => t.Quantity.ToDecimal()),
                ordered.Where(t => t.AggressorSide == Side.Buy).Sum(t => t.Quantity.ToDecimal()),
                ordered.Count));
        }

        return candles;
    }
}
