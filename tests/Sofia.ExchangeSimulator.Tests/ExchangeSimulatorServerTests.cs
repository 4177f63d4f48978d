using System.Text.Json.Nodes;
using Sofia.Contracts.V1;
using Sofia.Exchanges;
using Sofia.Testing;

namespace Sofia.ExchangeSimulator.Tests;

public sealed class ExchangeSimulatorServerTests
{
    private static readonly string[] AllExchanges = [ExchangeNames.Binance, ExchangeNames.Bybit, ExchangeNames.Okx, ExchangeNames.Coinbase];

    [TestCaseSource(nameof(AllExchanges))]
    [CancelAfter(30_000)]
    public async Task Client_subscribes_with_its_own_request_and_parses_trades_equal_to_the_recorded_ones(string exchange, CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(300, cancellationToken);
        await using var _ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, SimulatorFixture.Symbols, cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        clock.Advance(TimeSpan.FromSeconds(1));
        var trades = await client.ReceiveTradesAsync(200, cancellationToken);

        var detectors = SimulatorFixture.Symbols.ToDictionary(s => s, _ => new TradeIdGapDetector());
        Assert.Multiple(() =>
        {
            foreach (var trade in trades)
            {
                var truth = SimulatorFixture.Truth(server, exchange, trade);
                Assert.That(trade.Symbol, Is.EqualTo(truth.Symbol));
                Assert.That(trade.Price, Is.EqualTo(truth.Price));
                Assert.That(trade.Quantity, Is.EqualTo(truth.Quantity));
                Assert.That(trade.AggressorSide, Is.EqualTo(truth.TakerIsBuyer ? Side.Buy : Side.Sell));
                Assert.That(trade.ExchangeTimeUs, Is.EqualTo(SimulatorFixture.ExchangeTimeUs(exchange, truth.TimeUs)));
                Assert.That(detectors[trade.Symbol].Observe(trade).IsEmpty, Is.True, "no gaps without a fault");
            }

            Assert.That(trades.Select(t => t.Symbol).Distinct().Count(), Is.EqualTo(2));
        });
    }

    [TestCase(ExchangeNames.Binance, 1, "binance_spot_trade.json")]
    [TestCase(ExchangeNames.Bybit, 1, "bybit_v5_publicTrade_BTCUSDT.json")]
    [TestCase(ExchangeNames.Okx, 1, "okx_v5_trades_push_BTC-USDT.json")]
    [TestCase(ExchangeNames.Coinbase, 2, "coinbase_adv_market_trades_update_jkorf.json")]
    [CancelAfter(30_000)]
    public async Task Trade_frames_have_the_documented_field_names_and_types(string exchange, int acks, string sample, CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(50, cancellationToken);
        await using var _ = server;
        // Binance's raw endpoint sends the documented event itself; the combined one wraps it.
        await using var raw = exchange == ExchangeNames.Binance
            ? await RawBinanceAsync(server, cancellationToken)
            : await ExchangeClient.ConnectAsync(server, exchange, ["BTC-USDT"], cancellationToken);
        if (exchange != ExchangeNames.Binance)
        {
            await raw.SubscribeAsync(cancellationToken, acks);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        FrameResult result;
        do
        {
            result = await raw.NextAsync(cancellationToken);
        }
        while (result.Kind != FrameKind.Trades);

        AssertSameShape(JsonNode.Parse(raw.LastText)!, JsonNode.Parse(File.ReadAllText(ReferenceData.File("exchange-samples/" + sample)))!, "$");
    }

    [TestCase(ExchangeNames.Binance, "binance_subscribe_response.json")]
    [TestCase(ExchangeNames.Bybit, "bybit_v5_subscribe_ack_public_spot.json")]
    [TestCase(ExchangeNames.Okx, "okx_v5_trades_subscribe_response.json")]
    [TestCase(ExchangeNames.Coinbase, "coinbase_adv_subscriptions_ack_jkorf.json")]
    [CancelAfter(30_000)]
    public async Task Subscribe_acks_have_the_documented_shape(string exchange, string sample, CancellationToken cancellationToken)
    {
        var (server, _) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, ["BTC-USDT"], cancellationToken);

        await client.SendAsync(client.Plan.SubscribeMessages[^1], cancellationToken);
        var result = await client.NextAsync(cancellationToken);

        Assert.That(result.Kind, Is.EqualTo(FrameKind.SubscribeAck), client.LastText);
        AssertSameShape(JsonNode.Parse(client.LastText)!, JsonNode.Parse(File.ReadAllText(ReferenceData.File("exchange-samples/" + sample)))!, "$");
    }

    [TestCase(ExchangeNames.Bybit, "bybit_v5_pong_public_spot.json")]
    [TestCase(ExchangeNames.Okx, "okx_v5_pong.txt")]
    [CancelAfter(30_000)]
    public async Task Keepalive_pings_are_answered_as_the_exchange_answers_them(string exchange, string sample, CancellationToken cancellationToken)
    {
        var (server, _) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, ["BTC-USDT"], cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        await client.SendAsync(client.Adapter.KeepAlive.Message!, cancellationToken);
        var result = await client.NextAsync(cancellationToken);

        Assert.That(result.Kind, Is.EqualTo(FrameKind.Pong), client.LastText);
        var expected = File.ReadAllText(ReferenceData.File("exchange-samples/" + sample)).Trim();
        if (exchange == ExchangeNames.Okx)
        {
            Assert.That(client.LastText, Is.EqualTo(expected));
        }
        else
        {
            AssertSameShape(JsonNode.Parse(client.LastText)!, JsonNode.Parse(expected)!, "$");
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Coinbase_sends_a_heartbeat_every_second_of_the_clock(CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var _ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, ExchangeNames.Coinbase, ["BTC-USDT"], cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.That((await client.NextAsync(cancellationToken)).Kind, Is.EqualTo(FrameKind.Heartbeat), client.LastText);
        }

        AssertSameShape(JsonNode.Parse(client.LastText)!, JsonNode.Parse(File.ReadAllText(ReferenceData.File("exchange-samples/coinbase_adv_heartbeats_docs.json")))!, "$");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Binance_cuts_a_connection_that_leaves_its_ping_unanswered_for_a_minute(CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var _ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, ExchangeNames.Binance, ["BTC-USDT"], cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        clock.Advance(TimeSpan.FromSeconds(20));
        var session = (Exchanges.BinanceSession)server.Hub.Sessions(ExchangeNames.Binance).Single();
        await SimulatorFixture.WaitUntilAsync(() => session.AwaitingPong, cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(61));

        await SimulatorFixture.WaitUntilAsync(() => server.ConnectionCount() == 0, cancellationToken);
        Assert.That(async () => await client.ReceiveAsync(cancellationToken), Throws.InstanceOf<System.Net.WebSockets.WebSocketException>().Or.Null);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Binance_keeps_a_connection_whose_client_answers_its_pings(CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var _ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, ExchangeNames.Binance, ["BTC-USDT"], cancellationToken);
        await client.SubscribeAsync(cancellationToken);
        var session = (Exchanges.BinanceSession)server.Hub.Sessions(ExchangeNames.Binance).Single();

        // The client answers pings while it waits in a receive.
        Assert.That(await client.ReceivesWithinAsync(TimeSpan.FromMilliseconds(50), cancellationToken), Is.False);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            await SimulatorFixture.WaitUntilAsync(() => !session.AwaitingPong, cancellationToken);
        }

        Assert.That(server.ConnectionCount(ExchangeNames.Binance), Is.EqualTo(1));
    }

    [TestCase(ExchangeNames.Bybit)]
    [TestCase(ExchangeNames.Okx)]
    [TestCase(ExchangeNames.Coinbase)]
    [CancelAfter(30_000)]
    public async Task Subscribing_to_an_unknown_market_is_refused(string exchange, CancellationToken cancellationToken)
    {
        var (server, _) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, ["DOGE-USDT"], cancellationToken);

        await client.SendAsync(client.Plan.SubscribeMessages[^1], cancellationToken);

        Assert.That((await client.NextAsync(cancellationToken)).Kind, Is.EqualTo(FrameKind.SubscribeError), client.LastText);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Binance_streams_named_in_the_path_need_no_subscribe(CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(100, cancellationToken);
        await using var _ = server;
        await using var client = await RawBinanceAsync(server, cancellationToken);

        clock.Advance(TimeSpan.FromSeconds(1));
        var trades = await client.ReceiveTradesAsync(10, cancellationToken);

        Assert.That(trades.Select(t => t.Symbol), Has.All.EqualTo("BTC-USDT"));
        Assert.That(trades[0].PriceScale, Is.EqualTo(8), "Binance pads to 8 decimals");
    }

    private static async Task<ExchangeClient> RawBinanceAsync(ExchangeSimulatorServer server, CancellationToken cancellationToken) =>
        await ExchangeClient.ConnectAsync(
            server,
            ExchangeNames.Binance,
            ["BTC-USDT"],
            cancellationToken,
            new ExchangeAdapterOptions { WebSocketEndpoint = new Uri(server.WebSocketUri(ExchangeNames.Binance), "/ws/btcusdt@trade") });

    /// <summary>Same member names, same JSON value kinds (recursively; arrays by their first element), in any order.</summary>
    internal static void AssertSameShape(JsonNode actual, JsonNode expected, string path)
    {
        Assert.That(actual.GetValueKind(), Is.EqualTo(expected.GetValueKind()), path);
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = actual.AsObject();
                Assert.That(actualObject.Select(p => p.Key).Order(), Is.EqualTo(expectedObject.Select(p => p.Key).Order()), path);
                foreach (var (name, value) in expectedObject)
                {
                    if (value is not null && actualObject[name] is { } actualValue)
                    {
                        AssertSameShape(actualValue, value, path + "." + name);
                    }
                }

                break;
            case JsonArray { Count: > 0 } expectedArray when actual.AsArray().Count > 0:
                AssertSameShape(actual.AsArray()[0]!, expectedArray[0]!, path + "[0]");
                break;
        }
    }
}
