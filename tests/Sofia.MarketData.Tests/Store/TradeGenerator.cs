using System.Globalization;

namespace Sofia.MarketData.Tests.Store;

/// <summary>Deterministic trades over two exchanges and two symbols, across a UTC day boundary, with shared microseconds and mixed scales.</summary>
internal static class TradeGenerator
{
    public static readonly string[] Exchanges = ["binance", "okx"];
    public static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT"];

    /// <summary>2024-03-01 21:58:30 UTC: the trades run past midnight, so 4h and 1d buckets split.</summary>
    public static readonly long StartUs = new DateTimeOffset(2024, 3, 1, 21, 58, 30, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public static List<StoreTrade> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var trades = new List<StoreTrade>(count);
        var time = new Dictionary<(string, string), long>();
        var next = new Dictionary<(string, string), long>();
        for (var i = 0; i < count; i++)
        {
            var exchange = Exchanges[random.Next(Exchanges.Length)];
            var symbol = Symbols[random.Next(Symbols.Length)];
            var key = (exchange, symbol);
            var t = time.GetValueOrDefault(key, StartUs);

            // About 6 hours over 4,000 trades; a third share the previous microsecond (ids 9 and 10 order by length).
            t += random.Next(3) == 0 ? 0 : random.Next(1, 20_000_000);
            time[key] = t;
            var id = next.GetValueOrDefault(key, 8);
            next[key] = id + 1 + random.Next(3);
            var cents = (symbol == "BTC-USDT" ? 6_700_000L : 350_000L) + random.Next(-20_000, 20_000);

            // The same price with 2 or 4 decimal places: the store must compare them as equal numbers.
            var price = random.Next(2) == 0 ? new decimal((int)cents, 0, 0, false, 2) : new decimal((int)(cents * 100), 0, 0, false, 4);
            var quantity = new decimal(random.Next(1, 5_000_000)) / 1_000_000m;
            trades.Add(new StoreTrade(exchange, symbol, id.ToString(CultureInfo.InvariantCulture), t, price, quantity, random.Next(2) == 0));
        }

        return trades;
    }
}
