using Sofia.MarketData;
using Sofia.Trading;

namespace Sofia.MarketData.Tests.Store;

/// <summary>
/// What services rely on from an <see cref="IMarketStore"/>, checked against every implementation: each concrete fixture
/// supplies an empty store, and every test here runs against it. Expected values are worked out by hand or computed from
/// the trades in the test with LINQ, never read back through a store.
/// </summary>
public abstract class MarketStoreContractTests
{
    private const long M0 = 1_700_000_040; // a whole minute, epoch seconds
    private const long M1 = M0 + 60;
    private const long M3 = M0 + 180;
    private const long Second = 1_000_000;

    // Trades 9 and 10 share a microsecond: ordered by id length then id, so 10 (numerically later) closes minute M0.
    private static readonly StoreTrade[] Hand =
    [
        new("binance", "BTC-USDT", "1", (M0 * Second) + 1_500_000, 100.5m, 2m, true),
        new("binance", "BTC-USDT", "2", (M0 + 10) * Second, 102.25m, 1m, false),
        new("binance", "BTC-USDT", "3", (M0 + 20) * Second, 99.75m, 0.5m, true),
        new("binance", "BTC-USDT", "9", (M0 + 59) * Second, 100m, 1m, true),
        new("binance", "BTC-USDT", "10", (M0 + 59) * Second, 101m, 3m, false),
        new("binance", "BTC-USDT", "11", M1 * Second, 103m, 1m, true),
        new("binance", "BTC-USDT", "12", (M1 + 30) * Second, 102m, 4m, false),
        new("binance", "BTC-USDT", "13", (M3 + 5) * Second, 104m, 0.25m, true),
        new("okx", "BTC-USDT", "a1", (M1 * Second) + 7, 99.5m, 0.1m, false),
        new("binance", "ETH-USDT", "1", (M0 + 30) * Second, 2000.125m, 3m, true),
    ];

    /// <summary>An empty store of its own for one test; the fixture frees it after the test.</summary>
    protected abstract Task<IMarketStore> CreateStoreAsync(CancellationToken cancellationToken);

    [Test]
    [CancelAfter(60_000)]
    public async Task Minute_and_five_minute_candles_equal_the_hand_calculation(CancellationToken cancellationToken)
    {
        var store = await SeedHandAsync(cancellationToken);

        var minutes = await store.ReadCandlesAsync("binance", "BTC-USDT", Interval("1m"), At(M0), At(M3 + 60), cancellationToken);
        var fives = await store.ReadCandlesAsync("binance", "BTC-USDT", Interval("5m"), At(1_699_999_800), At(1_700_000_400), cancellationToken);

        // Minute M0: trades 1, 2, 3, 9, 10 (buy volume 2 + 0.5 + 1); M1: 11, 12; M3: 13. The 5m bucket 1_700_000_100 holds M1 and M3.
        Assert.That(minutes, Is.EqualTo(new[]
        {
            Candle(M0, 60, 100.5m, 102.25m, 99.75m, 101m, 7.5m, 3.5m, 5),
            Candle(M1, 60, 103m, 103m, 102m, 102m, 5m, 1m, 2),
            Candle(M3, 60, 104m, 104m, 104m, 104m, 0.25m, 0.25m, 1),
        }));
        Assert.That(fives, Is.EqualTo(new[]
        {
            Candle(1_699_999_800, 300, 100.5m, 102.25m, 99.75m, 101m, 7.5m, 3.5m, 5),
            Candle(1_700_000_100, 300, 103m, 104m, 102m, 104m, 5.25m, 1.25m, 3),
        }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Candles_are_those_whose_open_time_lies_in_the_half_open_range(CancellationToken cancellationToken)
    {
        var store = await SeedHandAsync(cancellationToken);

        var fromM1 = await store.ReadCandlesAsync("binance", "BTC-USDT", Interval("1m"), At(M1), At(M3), cancellationToken);
        var unaligned = await store.ReadCandlesAsync("binance", "BTC-USDT", Interval("1m"), At(M0).AddSeconds(1), At(M3).AddSeconds(1), cancellationToken);
        var empty = await store.ReadCandlesAsync("binance", "BTC-USDT", Interval("1m"), At(M1), At(M1), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fromM1.Select(c => c.OpenTime), Is.EqualTo(new[] { At(M1) }), "to is excluded");
            Assert.That(unaligned.Select(c => c.OpenTime), Is.EqualTo(new[] { At(M1), At(M3) }), "a candle opening before from is excluded; one opening before to is included");
            Assert.That(empty, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Every_candle_of_every_interval_equals_an_independent_calculation(CancellationToken cancellationToken)
    {
        var store = await CreateStoreAsync(cancellationToken);
        var trades = TradeGenerator.Generate(4_000, seed: 11);
        foreach (var chunk in trades.Chunk(700))
        {
            await store.InsertAsync(StoreTrade.ToTicks(chunk), cancellationToken);
        }

        // A redelivered batch from the middle: its minutes counted duplicates and must still be exact.
        await store.InsertAsync(StoreTrade.ToTicks(trades.Skip(1_000).Take(300)), cancellationToken);
        var from = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(3);

        foreach (var exchange in TradeGenerator.Exchanges)
        {
            foreach (var symbol in TradeGenerator.Symbols)
            {
                foreach (var interval in CandleInterval.All)
                {
                    var actual = await store.ReadCandlesAsync(exchange, symbol, interval, from, to, cancellationToken);
                    var expected = ExpectedCandles.Compute(trades, exchange, symbol, interval.Seconds);
                    Assert.That(actual, Is.EqualTo(expected), $"{exchange} {symbol} {interval.Name}");
                }
            }
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_batch_stored_again_or_overlapping_changes_no_count_candle_or_read(CancellationToken cancellationToken)
    {
        var store = await CreateStoreAsync(cancellationToken);
        var trades = TradeGenerator.Generate(1_500, seed: 12);
        var first = trades.Take(1_000).ToList();
        await store.InsertAsync(StoreTrade.ToTicks(first), cancellationToken);
        await store.InsertAsync(StoreTrade.ToTicks(first), cancellationToken);

        // Half old, half new, and a trade twice in the same batch.
        var overlapping = trades.Skip(500).Take(1_000).Append(trades[1_200]).ToList();
        await store.InsertAsync(StoreTrade.ToTicks(overlapping), cancellationToken);

        foreach (var exchange in TradeGenerator.Exchanges)
        {
            foreach (var symbol in TradeGenerator.Symbols)
            {
                var ticks = await ToListAsync(store.ReadTicksAsync(exchange, symbol, 0, long.MaxValue, cancellationToken), cancellationToken);
                var expected = ExpectedCandles.Ordered(trades.Where(t => t.Exchange == exchange && t.Symbol == symbol));
                Assert.That(ticks, Has.Count.EqualTo(expected.Count), $"{exchange} {symbol} ticks");
                Assert.That(ticks, Is.EqualTo(expected.Select(ToTradeTick)), $"{exchange} {symbol} ticks");
                var candles = await store.ReadCandlesAsync(exchange, symbol, Interval("1h"), At(0), At(4_000_000_000), cancellationToken);
                Assert.That(candles, Is.EqualTo(ExpectedCandles.Compute(trades, exchange, symbol, 3_600)), $"{exchange} {symbol} 1h");
                Assert.That(candles.Sum(c => c.Trades), Is.EqualTo(expected.Count));
            }
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_last_price_per_exchange_is_the_last_trade_in_the_schema_order(CancellationToken cancellationToken)
    {
        var store = await SeedHandAsync(cancellationToken);

        var btc = await store.ReadLastPricesAsync("BTC-USDT", cancellationToken);
        var eth = await store.ReadLastPricesAsync("ETH-USDT", cancellationToken);
        var none = await store.ReadLastPricesAsync("XRP-USDT", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(btc, Is.EqualTo(new[]
            {
                new LastPrice("binance", 104m, DateTimeOffset.FromUnixTimeSeconds(M3 + 5)),
                new LastPrice("okx", 99.5m, DateTimeOffset.UnixEpoch.AddTicks(((M1 * Second) + 7) * 10)),
            }));
            Assert.That(eth, Is.EqualTo(new[] { new LastPrice("binance", 2000.125m, DateTimeOffset.FromUnixTimeSeconds(M0 + 30)) }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Symbols_list_every_stored_symbol_with_its_exchanges_in_order(CancellationToken cancellationToken)
    {
        var store = await CreateStoreAsync(cancellationToken);
        Assert.That(await store.ReadSymbolsAsync(cancellationToken), Is.Empty);
        await store.InsertAsync(StoreTrade.ToTicks(Hand), cancellationToken);

        var symbols = await store.ReadSymbolsAsync(cancellationToken);

        Assert.That(symbols.Select(s => (s.Symbol, string.Join(",", s.Exchanges))), Is.EqualTo(new[] { ("BTC-USDT", "binance,okx"), ("ETH-USDT", "binance") }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Minute_bars_and_ticks_read_as_market_history_are_exact_and_half_open(CancellationToken cancellationToken)
    {
        var store = await SeedHandAsync(cancellationToken);
        IMarketHistory history = store;

        var bars = await ToListAsync(history.ReadMinuteBarsAsync("binance", "BTC-USDT", M0 * Second, (M3 + 60) * Second, cancellationToken), cancellationToken);
        var laterBars = await ToListAsync(history.ReadMinuteBarsAsync("binance", "BTC-USDT", (M0 * Second) + 1, M3 * Second, cancellationToken), cancellationToken);
        var ticks = await ToListAsync(history.ReadTicksAsync("binance", "BTC-USDT", (M0 + 10) * Second, (M1 + 30) * Second, cancellationToken), cancellationToken);
        var unknown = await ToListAsync(history.ReadTicksAsync("kraken", "BTC-USDT", 0, long.MaxValue, cancellationToken), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(bars, Is.EqualTo(new[]
            {
                new Bar(M0 * Second, 100.5, 102.25, 99.75, 101, 7.5),
                new Bar(M1 * Second, 103, 103, 102, 102, 5),
                new Bar(M3 * Second, 104, 104, 104, 104, 0.25),
            }));
            Assert.That(laterBars.Select(b => b.OpenTimeUs), Is.EqualTo(new[] { M1 * Second }));
            Assert.That(ticks, Is.EqualTo(Hand.Where(t => t.Exchange == "binance" && t.Symbol == "BTC-USDT" && t.Id is "2" or "3" or "9" or "10" or "11").Select(ToTradeTick)));
            Assert.That(unknown, Is.Empty);
        });
    }

    private static CandleInterval Interval(string name) => CandleInterval.Find(name)!;

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static Candle Candle(long open, int seconds, decimal o, decimal h, decimal l, decimal c, decimal v, decimal bv, long n) =>
        new(At(open), At(open + seconds), o, h, l, c, v, bv, n);

    private static TradeTick ToTradeTick(StoreTrade t) => new(t.TimeUs, (double)t.Price, (double)t.Quantity, t.Buy);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>The hand trades, then trades 2 and 11 again in a batch of their own (a redelivery).</summary>
    private async Task<IMarketStore> SeedHandAsync(CancellationToken cancellationToken)
    {
        var store = await CreateStoreAsync(cancellationToken);
        await store.InsertAsync(StoreTrade.ToTicks(Hand), cancellationToken);
        await store.InsertAsync(StoreTrade.ToTicks(Hand.Where(t => t.Exchange == "binance" && t.Id is "2" or "11")), cancellationToken);
        return store;
    }
}
