namespace Sofia.Exchanges.Tests;

/// <summary>The hot path's budget: parsing a trade frame allocates nothing.</summary>
public sealed class ParseAllocationTests
{
    [TestCase(ExchangeNames.Binance, "binance_combined_stream_trade.json")]
    [TestCase(ExchangeNames.Bybit, "bybit_v5_publicTrade_BTCUSDT.json")]
    [TestCase(ExchangeNames.Okx, "okx_v5_trades_push_BTC-USDT.json")]
    [TestCase(ExchangeNames.Coinbase, "coinbase_adv_market_trades_update_jkorf.json")]
    [TestCase(ExchangeNames.Coinbase, "coinbase_exchange_match_docs.json")]
    public void Parsing_a_trade_frame_allocates_nothing(string exchange, string sample)
    {
        var adapter = Samples.Adapter(exchange, "BNB-BTC", "BTC-USDT", "ETH-USDT", "BTC-USD");
        var frame = Samples.Bytes(sample);
        var buffer = new ParsedTrade[8];
        Assert.That(adapter.Parse(frame, 1, buffer).Kind, Is.EqualTo(FrameKind.Trades));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            adapter.Parse(frame, i, buffer);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Gap_detection_allocates_nothing()
    {
        var detector = new TradeIdGapDetector();
        detector.Observe(0, 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var id = 1L; id < 1000; id++)
        {
            detector.Observe(id, id);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
