using Sofia.MarketData;

namespace Sofia.MarketData.Tests.Store;

/// <summary>What only the embedded store has: its memory policy and its lock under concurrent writers and readers.</summary>
[TestFixture]
public sealed class EmbeddedMarketStoreTests
{
    private const long Minute = 60_000_000;
    private const long T0 = 1_700_000_040L * 1_000_000;

    [Test]
    [CancelAfter(30_000)]
    public async Task Past_its_trade_budget_the_oldest_minutes_drop_trades_but_keep_candles_and_older_trades_are_refused(CancellationToken cancellationToken)
    {
        var store = new EmbeddedMarketStore(new EmbeddedMarketStoreOptions { MaxTradesPerMarket = 4, MaxMinutesPerMarket = 3 });

        // Two trades in each of minutes 0..3: the budget of 4 trades keeps minutes 2 and 3 only; 3 minutes of candles.
        var trades = Enumerable.Range(0, 8).Select(i => new StoreTrade("binance", "BTC-USDT", $"{i}", T0 + (i / 2 * Minute) + i, 100m + i, 1m, true)).ToList();
        await store.InsertAsync(StoreTrade.ToTicks(trades), cancellationToken);
        await store.InsertAsync(StoreTrade.ToTicks([new StoreTrade("binance", "BTC-USDT", "0", trades[0].TimeUs, 100m, 1m, true)]), cancellationToken);

        var ticks = new List<long>();
        await foreach (var tick in store.ReadTicksAsync("binance", "BTC-USDT", 0, long.MaxValue, cancellationToken))
        {
            ticks.Add(tick.TimeUs);
        }

        var candles = await store.ReadCandlesAsync("binance", "BTC-USDT", CandleInterval.All[0], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(ticks, Is.EqualTo(trades.Skip(4).Select(t => t.TimeUs)));
            Assert.That(candles.Select(c => c.Trades), Is.EqualTo(Enumerable.Repeat(2L, 3)), "minutes 1..3 keep their candles");
            Assert.That(candles[0].Open, Is.EqualTo(102m));
            Assert.That(store.LateTradesRefused, Is.EqualTo(1), "a trade of a dropped minute can no longer be checked for a duplicate");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Concurrent_writers_and_readers_end_with_exact_candles(CancellationToken cancellationToken)
    {
        var store = new EmbeddedMarketStore();
        var trades = TradeGenerator.Generate(8_000, seed: 21);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(
            async () =>
            {
                // Each writer stores every trade, in its own chunking: three of every four copies are duplicates.
                foreach (var chunk in trades.Chunk(250 + (w * 97)))
                {
                    await store.InsertAsync(StoreTrade.ToTicks(chunk), cancellationToken);
                }
            },
            cancellationToken)).ToList();
        var reads = 0;
        while (!writers.TrueForAll(w => w.IsCompleted))
        {
            _ = await store.ReadCandlesAsync("okx", "ETH-USDT", CandleInterval.All[3], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), cancellationToken);
            reads++;
        }

        await Task.WhenAll(writers);
        var candles = await store.ReadCandlesAsync("okx", "ETH-USDT", CandleInterval.All[0], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), cancellationToken);

        Assert.That(candles, Is.EqualTo(ExpectedCandles.Compute(trades, "okx", "ETH-USDT", 60)));
        Assert.That(reads, Is.GreaterThan(0));
    }
}
