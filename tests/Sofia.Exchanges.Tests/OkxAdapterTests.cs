using Sofia.Contracts.V1;
using Sofia.Exchanges.Okx;

namespace Sofia.Exchanges.Tests;

public sealed class OkxAdapterTests
{
    private readonly ExchangeAdapter _adapter = Samples.Adapter(ExchangeNames.Okx, "BTC-USDT", "ETH-USDT");

    [TestCase("okx_v5_trades_push_BTC-USDT.json", 3)]
    [TestCase("okx_v5_trades_all_push_BTC-USDT.json", 1)]
    public void Trade_push_normalizes_every_field(string sample, int count)
    {
        var (result, trades) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        var trade = trades[0];
        Assert.Multiple(() =>
        {
            Assert.That(trade.Symbol, Is.EqualTo("BTC-USDT"));
            Assert.That((trade.PriceMantissa, trade.PriceScale), Is.EqualTo((422199L, 1u)));
            Assert.That((trade.QuantityMantissa, trade.QuantityScale), Is.EqualTo((12060306L, 8u)));
            Assert.That(trade.Quantity, Is.EqualTo(0.12060306m));
            Assert.That(trade.AggressorSide, Is.EqualTo(Side.Buy), "side is the taker side");
            Assert.That(trade.TradeId, Is.EqualTo(130639474));
            Assert.That(trade.TradeIdString(), Is.EqualTo("130639474"));
            Assert.That(trade.TradeIdCount, Is.EqualTo(count));
            Assert.That(trade.FirstTradeId, Is.EqualTo(130639474 - count + 1), "tradeId is the last id of the aggregation");
            Assert.That(trade.ExchangeTimeUs, Is.EqualTo(1_630_048_897_897_000));
            Assert.That(trade.ReceiveTimeUs, Is.EqualTo(Samples.ReceiveUs));
        });
    }

    [Test]
    public void Text_pong_is_a_pong_and_the_keepalive_is_text_ping()
    {
        var (result, _) = Samples.Parse(_adapter, "okx_v5_pong.txt");

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Pong)));
        Assert.That(_adapter.KeepAlive.Message, Is.EqualTo(Samples.Text("okx_v5_ping.txt").Trim()));
        Assert.That(_adapter.KeepAlive.Mode, Is.EqualTo(KeepAliveMode.SendWhenIdle));
        Assert.That(_adapter.KeepAlive.Interval, Is.LessThan(TimeSpan.FromSeconds(30)));
    }

    [TestCase("okx_v5_trades_subscribe_response.json", "1512")]
    [TestCase("okx_v5_subscribe_ack_jkorf.json", null)]
    public void Subscribe_responses_are_acks(string sample, string? requestId)
    {
        var (result, _) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.SubscribeAck, RequestId: requestId)));
    }

    [Test]
    public void Subscribe_error_carries_code_message_and_id()
    {
        var (result, _) = Samples.Parse(_adapter, "okx_v5_trades_subscribe_error.json");

        Assert.That(result, Is.EqualTo(new FrameResult(
            FrameKind.SubscribeError,
            RequestId: "1512",
            Code: "60012",
            Message: """Invalid request: {"op": "subscribe", "argss":[{ "channel" : "trades", "instId" : "BTC-USD-191227"}]}""")));
    }

    [Test]
    public void Service_upgrade_notice_asks_for_an_early_reconnect()
    {
        var frame = """{"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade. Please reconnect.","connId":"a4d3ae55"}"""u8;

        var result = _adapter.Parse(frame, 0, new ParsedTrade[1]);

        Assert.That(result.Kind, Is.EqualTo(FrameKind.ServerShutdown));
        Assert.That(result.Code, Is.EqualTo("64008"));
    }

    [Test]
    public void Subscribe_requests_match_the_documented_shapes()
    {
        Samples.AssertSameJson(OkxAdapter.SubscribeMessage("trades", ["BTC-USDT"], "1512"), Samples.Text("okx_v5_trades_subscribe_request.json"));
        Samples.AssertSameJson(OkxAdapter.SubscribeMessage("trades", ["ETH-USDT"], null), Samples.Text("okx_v5_subscribe_request_jkorf.json"));
    }

    [Test]
    public void Plan_uses_the_public_endpoint_for_trades_and_business_for_trades_all()
    {
        var plan = _adapter.PlanConnections().Single();
        var all = ExchangeAdapter.Create(_adapter.Symbols, new ExchangeAdapterOptions { OkxAllTrades = true }).PlanConnections().Single();

        Assert.That(plan.Endpoint, Is.EqualTo(new Uri("wss://ws.okx.com:8443/ws/v5/public")));
        Samples.AssertSameJson(
            plan.SubscribeMessages.Single(),
            """{"id":"1","op":"subscribe","args":[{"channel":"trades","instId":"BTC-USDT"},{"channel":"trades","instId":"ETH-USDT"}]}""");
        Assert.That(all.Endpoint, Is.EqualTo(new Uri("wss://ws.okx.com:8443/ws/v5/business")));
        Assert.That(all.SubscribeMessages.Single(), Does.Contain("\"trades-all\""));
        Assert.That(_adapter.TradeIdsAreSequential, Is.True);
    }
}
