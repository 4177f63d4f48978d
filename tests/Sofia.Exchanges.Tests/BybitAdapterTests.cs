using System.Text.Json.Nodes;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Bybit;

namespace Sofia.Exchanges.Tests;

public sealed class BybitAdapterTests
{
    private readonly ExchangeAdapter _adapter = Samples.Adapter(ExchangeNames.Bybit, "BTC-USDT", "ETH-USDT");

    [Test]
    public void Public_trade_normalizes_every_field()
    {
        var (result, trades) = Samples.Parse(_adapter, "bybit_v5_publicTrade_BTCUSDT.json");

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        var trade = trades[0];
        Assert.Multiple(() =>
        {
            Assert.That(trade.Symbol, Is.EqualTo("BTC-USDT"));
            Assert.That((trade.PriceMantissa, trade.PriceScale), Is.EqualTo((1657850L, 2u)));
            Assert.That(trade.Price, Is.EqualTo(16578.50m));
            Assert.That((trade.QuantityMantissa, trade.QuantityScale), Is.EqualTo((1L, 3u)));
            Assert.That(trade.AggressorSide, Is.EqualTo(Side.Buy), "S is the taker side");
            Assert.That(trade.TradeIdString(), Is.EqualTo("20f43950-d8dd-5b31-9112-a178eb6023af"));
            Assert.That(trade.HasNumericTradeId, Is.False);
            Assert.That(trade.ExchangeTimeUs, Is.EqualTo(1_672_304_486_865_000));
            Assert.That(trade.ReceiveTimeUs, Is.EqualTo(Samples.ReceiveUs));
        });
    }

    [Test]
    public void Several_trades_in_one_push_come_out_oldest_first()
    {
        var frame = """
            {"topic":"publicTrade.ETHUSDT","type":"snapshot","ts":3,"data":[
              {"T":1672304486866,"s":"ETHUSDT","S":"Sell","v":"2","p":"1200.1","i":"2290000000061666328","BT":false},
              {"T":1672304486865,"s":"ETHUSDT","S":"Buy","v":"1","p":"1200","i":"2290000000061666327","BT":false}]}
            """u8;
        var buffer = new ParsedTrade[4];

        var result = _adapter.Parse(frame, 0, buffer);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 2)));
        Assert.That(buffer[0].TradeId, Is.EqualTo(2290000000061666327));
        Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Buy));
        Assert.That(buffer[1].AggressorSide, Is.EqualTo(Side.Sell));
        Assert.That(buffer[1].Quantity, Is.EqualTo(2m));
    }

    [TestCase("bybit_v5_pong_public_spot.json", null)]
    [TestCase("bybit_v5_pong_public_linear.json", null)]
    [TestCase("bybit_v5_pong_private.json", "test")]
    public void Every_documented_pong_shape_is_a_pong(string sample, string? requestId)
    {
        var (result, _) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Pong, RequestId: requestId)));
    }

    [TestCase("bybit_v5_subscribe_ack_public_spot.json", "10001")]
    [TestCase("bybit_v5_subscribe_ack_public_linear.json", null)]
    public void Subscribe_acks_are_recognised(string sample, string? requestId)
    {
        var (result, _) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.SubscribeAck, RequestId: requestId)));
    }

    [Test]
    public void Failed_subscribe_is_an_error_with_the_reason()
    {
        var frame = """{"success":false,"ret_msg":"Invalid symbol :[publicTrade.NOPE]","conn_id":"x","req_id":"2","op":"subscribe"}"""u8;

        var result = _adapter.Parse(frame, 0, new ParsedTrade[1]);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.SubscribeError, RequestId: "2", Message: "Invalid symbol :[publicTrade.NOPE]")));
    }

    [Test]
    public void Subscribe_request_matches_the_documented_shape()
    {
        var built = BybitAdapter.SubscribeMessage(["orderbook.1.BTCUSDT", "publicTrade.BTCUSDT", "orderbook.1.ETHUSDT"], "test");

        Samples.AssertSameJson(built, Samples.Text("bybit_v5_subscribe_request.json"));
    }

    [Test]
    public void Keepalive_is_the_documented_ping_every_20_seconds()
    {
        var documented = JsonNode.Parse(Samples.Text("bybit_v5_ping_request.json"))!.AsObject();
        documented.Remove("req_id"); // optional, client-chosen

        Assert.That(_adapter.KeepAlive.Mode, Is.EqualTo(KeepAliveMode.SendPeriodically));
        Assert.That(_adapter.KeepAlive.Interval, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Samples.AssertSameJson(_adapter.KeepAlive.Message!, documented.ToJsonString());
    }

    [Test]
    public void Plan_sends_at_most_10_args_per_request_and_21000_characters_per_connection()
    {
        var symbols = Enumerable.Range(0, 1500).Select(i => $"C{i}-USDT").ToList();
        var adapter = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Bybit, symbols));

        var plans = adapter.PlanConnections();

        Assert.That(plans, Has.Count.GreaterThan(1));
        Assert.That(plans.SelectMany(p => p.Symbols), Is.EqualTo(symbols));
        foreach (var plan in plans)
        {
            var args = plan.SubscribeMessages.Select(m => JsonNode.Parse(m)!["args"]!.AsArray()).ToList();
            Assert.That(args.Max(a => a.Count), Is.LessThanOrEqualTo(10));
            Assert.That(args.Sum(a => a.ToJsonString().Length - 2), Is.LessThanOrEqualTo(21_000));
            Assert.That(plan.Endpoint, Is.EqualTo(new Uri("wss://stream.bybit.com/v5/public/spot")));
        }

        Samples.AssertSameJson(
            _adapter.PlanConnections()[0].SubscribeMessages[0], """{"req_id":"1","op":"subscribe","args":["publicTrade.BTCUSDT","publicTrade.ETHUSDT"]}""");
        Assert.That(_adapter.TradeIdsAreSequential, Is.False);
    }
}
