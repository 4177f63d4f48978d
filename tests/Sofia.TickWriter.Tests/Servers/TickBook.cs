using System.Globalization;
using Sofia.Contracts.V1;

namespace Sofia.TickWriter.Tests.Servers;

/// <summary>Deterministic ticks for the real-server tests: several markets, prices written with varying scales, trades sharing a microsecond.</summary>
internal static class TickBook
{
    public static readonly string[] Exchanges = ["binance", "okx"];
    public static readonly string[] Markets = ["BTC-USDT", "ETH-USDT"];

    /// <summary>A start well inside one UTC day, so the ticks span a few hours of one partition.</summary>
    public static readonly long StartUs = new DateTimeOffset(2024, 3, 1, 9, 58, 30, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public static List<Tick> Generate(int count, int seed, long firstTradeId = 1)
    {
        var random = new Random(seed);
        var ticks = new List<Tick>(count);
        var time = new Dictionary<(string, string), long>();
        var next = new Dictionary<(string, string), long>();
        for (var i = 0; i < count; i++)
        {
            var exchange = Exchanges[random.Next(Exchanges.Length)];
            var symbol = Markets[random.Next(Markets.Length)];
            var key = (exchange, symbol);
            var t = time.GetValueOrDefault(key, StartUs);
            // Roughly 2.5 hours over 20,000 ticks; a third of the trades share the previous microsecond.
            t += random.Next(3) == 0 ? 0 : random.Next(1, 3_600_000);
            time[key] = t;
            var id = next.GetValueOrDefault(key, firstTradeId);
            next[key] = id + 1 + random.Next(3);
            var basePrice = symbol == "BTC-USDT" ? 6_700_000L : 350_000L;
            var cents = basePrice + random.Next(-20_000, 20_000);
            // The same price written with 2 or 4 decimal places: storage must compare them as equal numbers.
            var price = random.Next(2) == 0
                ? new DecimalValue { Mantissa = cents, Scale = 2 }
                : new DecimalValue { Mantissa = cents * 100, Scale = 4 };
            ticks.Add(new Tick
            {
                Exchange = exchange,
                Symbol = symbol,
                Price = price,
                Quantity = new DecimalValue { Mantissa = random.Next(1, 5_000_000), Scale = 6 },
                AggressorSide = random.Next(2) == 0 ? Side.Buy : Side.Sell,
                TradeId = id.ToString(CultureInfo.InvariantCulture),
                ExchangeTimeUs = t,
                ReceiveTimeUs = t + random.Next(100, 5_000),
            });
        }

        return ticks;
    }
}
