using Sofia.Contracts.V1;
using Sofia.Exchanges.Binance;

namespace Sofia.Exchanges.Tests;

public sealed class BinanceAdapterTests
{
    private readonly ExchangeAdapter _adapter = Samples.Adapter(ExchangeNames.Binance, "BNB-BTC", "BTC-USDT");

    [TestCase("binance_spot_trade.json")]
    [TestCase("binance_combined_stream_trade.json")]
    public void Trade_event_normalizes_every_field(string sample)
    {
        var (result, trades) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        var trade = trades[0];
        Assert.Multiple(() =>
        {
            Assert.That(trade.Symbol, Is.EqualTo("BNB-BTC"));
            Assert.That(trade.PriceMantissa, Is.EqualTo(1));
            Assert.That(trade.PriceScale, Is.EqualTo(3));
            Assert.That(trade.Price, Is.EqualTo(0.001m));
            Assert.That(trade.QuantityMantissa, Is.EqualTo(100));
            Assert.That(trade.QuantityScale, Is.EqualTo(0));
            Assert.That(trade.AggressorSide, Is.EqualTo(Side.Sell), "m=true: the buyer rested, so the taker sold");
            Assert.That(trade.TradeId, Is.EqualTo(12345));
            Assert.That(trade.HasNumericTradeId, Is.True);
            Assert.That(trade.TradeIdString(), Is.EqualTo("12345"));
            Assert.That(trade.TradeIdCount, Is.EqualTo(1));
            Assert.That(trade.ExchangeTimeUs, Is.EqualTo(1_672_515_782_136_000));
            Assert.That(trade.ReceiveTimeUs, Is.EqualTo(Samples.ReceiveUs));
        });
    }

    [Test]
    public void Buyer_taker_is_a_buy()
    {
        var frame = """{"e":"trade","E":1,"s":"BTCUSDT","t":7,"p":"67250.10","q":"0.5","T":1672515782136,"m":false}"""u8;
        var buffer = new ParsedTrade[1];

        var result = _adapter.Parse(frame, 0, buffer);

        Assert.That(result.Kind, Is.EqualTo(FrameKind.Trades));
        Assert.That(buffer[0].AggressorSide, Is.EqualTo(Side.Buy));
        Assert.That(buffer[0].Symbol, Is.EqualTo("BTC-USDT"));
        Assert.That((buffer[0].PriceMantissa, buffer[0].PriceScale), Is.EqualTo((6725010L, 2u)));
    }

    [TestCase("binance_spot_aggTrade.json")]
    [TestCase("binance_combined_stream_aggTrade.json")]
    [TestCase("binance_spot_kline_1m.json")]
    public void Other_streams_are_recognised_and_ignored(string sample)
    {
        var (result, _) = Samples.Parse(_adapter, sample);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Ignored, Error: FrameError.UnsupportedEvent, Field: "e")));
    }

    [Test]
    public void Server_shutdown_event_asks_for_an_early_reconnect()
    {
        var (result, _) = Samples.Parse(_adapter, "binance_combined_serverShutdown.json");

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.ServerShutdown, EventTimeUs: 1_770_123_456_789_000)));
    }

    [Test]
    public void Subscribe_response_is_an_ack_for_its_request_id()
    {
        var (result, _) = Samples.Parse(_adapter, "binance_subscribe_response.json");

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.SubscribeAck, RequestId: "1")));
    }

    [TestCase("""{"code":2,"msg":"Invalid request: unknown variant","id":3}""", "2", "Invalid request: unknown variant")]
    [TestCase("""{"error":{"code":1,"msg":"Invalid value type"},"id":3}""", "1", "Invalid value type")]
    public void Request_errors_carry_code_message_and_id(string frame, string code, string message)
    {
        var result = _adapter.Parse(System.Text.Encoding.UTF8.GetBytes(frame), 0, new ParsedTrade[1]);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.SubscribeError, RequestId: "3", Code: code, Message: message)));
    }

    [Test]
    public void Subscribe_request_matches_the_documented_shape()
    {
        var built = BinanceAdapter.SubscribeMessage(["btcusdt@aggTrade", "btcusdt@depth"], 1);

        Samples.AssertSameJson(built, Samples.Text("binance_subscribe_request.json"));
    }

    [Test]
    public void Plan_subscribes_trade_streams_on_the_combined_endpoint_and_reconnects_before_24_hours()
    {
        var plan = _adapter.PlanConnections().Single();

        Assert.Multiple(() =>
        {
            Assert.That(plan.Endpoint, Is.EqualTo(new Uri("wss://stream.binance.com:9443/stream")));
            Assert.That(plan.Symbols, Is.EqualTo(new List<string> { "BNB-BTC", "BTC-USDT" }));
            Assert.That(plan.MaxLifetime, Is.LessThan(TimeSpan.FromHours(24)));
            Assert.That(plan.MinMessageInterval, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)), "5 messages per second");
            Assert.That(_adapter.KeepAlive.Mode, Is.EqualTo(KeepAliveMode.AnswerServerPings));
            Assert.That(_adapter.TradeIdsAreSequential, Is.True);
        });
        Samples.AssertSameJson(plan.SubscribeMessages.Single(), """{"method":"SUBSCRIBE","params":["bnbbtc@trade","btcusdt@trade"],"id":1}""");
    }

    [Test]
    public void Plan_splits_at_1024_streams_per_connection_and_200_per_request()
    {
        var symbols = Enumerable.Range(0, 2050).Select(i => $"C{i}-USDT").ToList();
        var adapter = ExchangeAdapter.Create(SymbolMap.ForExchange(ExchangeNames.Binance, symbols));

        var plans = adapter.PlanConnections();

        Assert.That(plans.Select(p => p.Symbols.Count), Is.EqualTo(new List<int> { 1024, 1024, 2 }));
        Assert.That(plans[0].SubscribeMessages, Has.Count.EqualTo(6));
        Assert.That(plans.SelectMany(p => p.Symbols), Is.EqualTo(symbols));
    }
}
