using Sofia.Contracts.V1;
using Sofia.Exchanges.Coinbase;

namespace Sofia.Exchanges.Tests;

public sealed class CoinbaseAdapterTests
{
    private readonly ExchangeAdapter _adapter = Samples.Adapter(ExchangeNames.Coinbase, "ETH-USD", "ETH-USDT", "BTC-USD");

    [Test]
    public void Market_trades_snapshot_normalizes_every_field_with_the_maker_side_flipped()
    {
        var (result, trades) = Samples.Parse(_adapter, "coinbase_adv_market_trades_docs.json");

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        var trade = trades[0];
        Assert.Multiple(() =>
        {
            Assert.That(trade.Symbol, Is.EqualTo("ETH-USD"));
            Assert.That((trade.PriceMantissa, trade.PriceScale), Is.EqualTo((126001L, 2u)));
            Assert.That((trade.QuantityMantissa, trade.QuantityScale), Is.EqualTo((3L, 1u)));
            Assert.That(trade.AggressorSide, Is.EqualTo(Side.Sell), "side BUY is the resting buyer; the taker sold");
            Assert.That(trade.TradeIdString(), Is.EqualTo("000000000"));
            Assert.That(trade.TradeId, Is.EqualTo(0));
            Assert.That(trade.HasNumericTradeId, Is.True);
            Assert.That(trade.ExchangeTimeUs, Is.EqualTo(1_565_815_347_265_000));
            Assert.That(trade.ReceiveTimeUs, Is.EqualTo(Samples.ReceiveUs));
        });
    }

    [Test]
    public void Market_trades_update_comes_out_oldest_first()
    {
        var (result, trades) = Samples.Parse(_adapter, "coinbase_adv_market_trades_update_jkorf.json");

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 2)));
        Assert.Multiple(() =>
        {
            Assert.That(trades.Select(t => t.TradeId), Is.EqualTo(new List<long> { 22381690L, 22381691L }));
            Assert.That(trades.Select(t => t.ExchangeTimeUs), Is.EqualTo(new List<long> { 1_728_026_011_084_859L, 1_728_026_011_088_388L }));
            Assert.That(trades.Select(t => t.Symbol), Is.All.EqualTo("ETH-USDT"));
            Assert.That(trades.Select(t => (t.PriceMantissa, t.PriceScale)), Is.All.EqualTo((237556L, 2u)));
            Assert.That(trades.Select(t => (t.QuantityMantissa, t.QuantityScale)), Is.All.EqualTo((5L, 1u)));
            Assert.That(trades.Select(t => t.AggressorSide), Is.All.EqualTo(Side.Sell));
        });
    }

    [Test]
    public void Advanced_trade_side_can_be_read_as_the_taker_side_by_option()
    {
        var adapter = ExchangeAdapter.Create(_adapter.Symbols, new ExchangeAdapterOptions { CoinbaseAdvancedTradeSideIsMaker = false });
        var buffer = new ParsedTrade[1];

        adapter.Parse(Samples.Bytes("coinbase_adv_market_trades_docs.json"), 0, buffer);

        Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Buy));
    }

    [TestCase("coinbase_exchange_match_docs.json", 10L, 40023L, 2u, 523512L, 5u, 1_415_348_367_028_459L)]
    [TestCase("coinbase_exchange_match_ccxt_capture.json", 82047307L, 931478L, 2u, 513192L, 8u, 1_580_501_021_158_814L)]
    public void Exchange_match_side_is_the_maker_side_so_the_taker_is_opposite(
        string sample, long tradeId, long price, uint priceScale, long size, uint sizeScale, long timeUs)
    {
        var (result, trades) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        var trade = trades[0];
        Assert.Multiple(() =>
        {
            Assert.That(trade.Symbol, Is.EqualTo("BTC-USD"));
            Assert.That(trade.TradeId, Is.EqualTo(tradeId));
            Assert.That((trade.PriceMantissa, trade.PriceScale), Is.EqualTo((price, priceScale)));
            Assert.That((trade.QuantityMantissa, trade.QuantityScale), Is.EqualTo((size, sizeScale)));
            Assert.That(trade.AggressorSide, Is.EqualTo(Side.Buy), "a sell maker was lifted by a buying taker (up-tick)");
            Assert.That(trade.ExchangeTimeUs, Is.EqualTo(timeUs));
        });
    }

    [TestCase("coinbase_adv_heartbeats_docs.json", FrameKind.Heartbeat)]
    [TestCase("coinbase_exchange_heartbeat_docs.json", FrameKind.Heartbeat)]
    [TestCase("coinbase_adv_subscriptions_ack_jkorf.json", FrameKind.SubscribeAck)]
    public void Protocol_messages_are_classified(string sample, FrameKind kind)
    {
        var (result, _) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(kind)));
    }

    [Test]
    public void Error_message_is_a_subscribe_error()
    {
        var frame = """{"type":"error","message":"Failed to subscribe","reason":"ETH-XYZ is not a valid product"}"""u8;

        var result = _adapter.Parse(frame, 0, new ParsedTrade[1]);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.SubscribeError, Code: "ETH-XYZ is not a valid product", Message: "Failed to subscribe")));
    }

    [Test]
    public void Subscribe_requests_match_the_documented_shapes()
    {
        Samples.AssertSameJson(CoinbaseAdapter.SubscribeMessage("market_trades", ["ETH-USDT"], "|1|"), Samples.Text("coinbase_adv_market_trades_subscribe_jkorf.json"));
        Samples.AssertSameJson(CoinbaseAdapter.SubscribeMessage("heartbeats", ["ETH-USD"], "XYZ"), Samples.Text("coinbase_adv_subscribe_heartbeats_docs.json"));
        Samples.AssertSameJson(
            CoinbaseAdapter.ExchangeSubscribeMessage([("heartbeat", ["ETH-EUR"])]), Samples.Text("coinbase_exchange_subscribe_heartbeat_docs.json"));
    }

    [Test]
    public void Plan_subscribes_heartbeats_and_market_trades_one_channel_per_message()
    {
        var plan = _adapter.PlanConnections().Single();

        Assert.That(plan.Endpoint, Is.EqualTo(new Uri("wss://advanced-trade-ws.coinbase.com")));
        Assert.That(plan.SubscribeMessages, Has.Count.EqualTo(2));
        Samples.AssertSameJson(plan.SubscribeMessages[0], """{"type":"subscribe","product_ids":["ETH-USD","ETH-USDT","BTC-USD"],"channel":"heartbeats"}""");
        Samples.AssertSameJson(plan.SubscribeMessages[1], """{"type":"subscribe","product_ids":["ETH-USD","ETH-USDT","BTC-USD"],"channel":"market_trades"}""");
        Assert.That(_adapter.KeepAlive.Mode, Is.EqualTo(KeepAliveMode.HeartbeatChannel));
    }

    [Test]
    public void Exchange_feed_plan_subscribes_matches_and_heartbeat()
    {
        var adapter = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Coinbase, ["BTC-USD"]), new ExchangeAdapterOptions { CoinbaseExchangeFeed = true });

        var plan = adapter.PlanConnections().Single();

        Assert.That(plan.Endpoint, Is.EqualTo(new Uri("wss://ws-feed.exchange.coinbase.com")));
        Samples.AssertSameJson(
            plan.SubscribeMessages.Single(),
            """{"type":"subscribe","channels":[{"name":"matches","product_ids":["BTC-USD"]},{"name":"heartbeat","product_ids":["BTC-USD"]}]}""");
    }
}
