namespace Sofia.Exchanges.Tests;

public sealed class TradeIdGapDetectorTests
{
    [Test]
    public void Consecutive_ids_report_no_gap()
    {
        var detector = new TradeIdGapDetector();

        Assert.That(new[] { 10L, 11, 12 }.Select(id => detector.Observe(id, id)), Is.All.EqualTo(TradeIdGap.None));
        Assert.That(detector.LastTradeId, Is.EqualTo(12));
    }

    [Test]
    public void Skipped_ids_are_reported_as_an_inclusive_range()
    {
        var detector = new TradeIdGapDetector();
        detector.Observe(100, 100);

        var gap = detector.Observe(104, 104);

        Assert.That(gap, Is.EqualTo(new TradeIdGap(101, 103)));
        Assert.That(gap.Count, Is.EqualTo(3));
        Assert.That(detector.Observe(105, 105).IsEmpty, Is.True);
    }

    [Test]
    public void Aggregated_print_covers_its_whole_id_range()
    {
        var detector = new TradeIdGapDetector();
        detector.Observe(120, 120);

        // OKX trades: tradeId 123 with count 3 covers 121..123.
        Assert.That(detector.Observe(121, 123).IsEmpty, Is.True);
        Assert.That(detector.Observe(127, 130), Is.EqualTo(new TradeIdGap(124, 126)));
    }

    [Test]
    public void Duplicates_and_late_trades_are_counted_and_change_nothing()
    {
        var detector = new TradeIdGapDetector();
        detector.Observe(50, 50);

        Assert.That(detector.Observe(50, 50).IsEmpty, Is.True);
        Assert.That(detector.Observe(49, 49).IsEmpty, Is.True);
        Assert.That(detector.StaleTrades, Is.EqualTo(2));
        Assert.That(detector.LastTradeId, Is.EqualTo(50));
    }

    [Test]
    public void Parsed_trades_feed_it_and_non_numeric_ids_are_ignored()
    {
        var okx = Samples.Adapter(ExchangeNames.Okx, "BTC-USDT");
        var bybit = Samples.Adapter(ExchangeNames.Bybit, "BTC-USDT");
        var okxTrades = new ParsedTrade[1];
        var bybitTrades = new ParsedTrade[1];
        okx.Parse(Samples.Bytes("okx_v5_trades_push_BTC-USDT.json"), 0, okxTrades);
        bybit.Parse(Samples.Bytes("bybit_v5_publicTrade_BTCUSDT.json"), 0, bybitTrades);
        var detector = new TradeIdGapDetector();
        detector.Observe(130639470, 130639470);

        Assert.That(detector.Observe(okxTrades[0]), Is.EqualTo(new TradeIdGap(130639471, 130639471)));
        Assert.That(detector.Observe(bybitTrades[0]), Is.EqualTo(TradeIdGap.None));
    }

    [Test]
    public void Real_binance_trade_ids_are_contiguous()
    {
        // freqtrade's XRP/ETH capture: 12,477 trades; column 1 is trade_id.
        var lines = File.ReadLines(Sofia.Testing.ReferenceData.File("binance-trades/XRP_ETH-trades.csv")).Skip(1);
        var detector = new TradeIdGapDetector();
        var gaps = 0;
        var count = 0;
        foreach (var line in lines)
        {
            var id = long.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
            gaps += detector.Observe(id, id).IsEmpty ? 0 : 1;
            count++;
        }

        Assert.That(count, Is.EqualTo(12_477));
        Assert.That(gaps, Is.Zero);
        Assert.That(detector.StaleTrades, Is.Zero);
    }

    [Test]
    public void Reset_forgets_the_history()
    {
        var detector = new TradeIdGapDetector();
        detector.Observe(5, 5);
        detector.Reset();

        Assert.That(detector.Observe(500, 500).IsEmpty, Is.True);
    }
}
