using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Sofia.Exchanges;
using Sofia.Testing;

namespace Sofia.ExchangeSimulator.Tests;

public sealed class ExchangeSimulatorServerFaultTests
{
    private static readonly string[] AllExchanges = [ExchangeNames.Binance, ExchangeNames.Bybit, ExchangeNames.Okx, ExchangeNames.Coinbase];

    [TestCaseSource(nameof(AllExchanges))]
    [CancelAfter(30_000)]
    public async Task Drop_cuts_the_socket_without_a_close_handshake(string exchange, CancellationToken cancellationToken)
    {
        var (server, _) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, SimulatorFixture.Symbols, cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        Assert.That(server.DropConnections(exchange), Is.EqualTo(1));

        Assert.That(async () => await client.ReceiveAsync(cancellationToken), Throws.InstanceOf<WebSocketException>());
        Assert.That(client.State, Is.Not.EqualTo(WebSocketState.Open));
    }

    [TestCaseSource(nameof(AllExchanges))]
    [CancelAfter(30_000)]
    public async Task Stall_silences_the_stream_for_its_period_and_the_trades_meanwhile_are_lost_to_it(string exchange, CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(100, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, ["BTC-USDT"], cancellationToken);
        await client.SubscribeAsync(cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));
        var offset = exchange == ExchangeNames.Bybit ? Exchanges.BybitSession.IdOffset : 0;
        var last = await DrainAsync(client, server, cancellationToken, offset: offset);
        while (await client.ReceivesWithinAsync(TimeSpan.FromMilliseconds(100), cancellationToken))
        {
            // Heartbeats sent with the last trades.
        }

        Assert.That(server.Stall(TimeSpan.FromSeconds(5), exchange), Is.EqualTo(1));
        for (var second = 0; second < 4; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.That(await client.ReceivesWithinAsync(TimeSpan.FromMilliseconds(150), cancellationToken), Is.False, $"second {second + 1}");
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await client.ReceiveTradesAsync(1, cancellationToken);

        Assert.That(after[0].TradeId - offset, Is.GreaterThan(last + 100), "about 5 s × 62 trades/s were not sent");
    }

    [TestCaseSource(nameof(AllExchanges))]
    [CancelAfter(30_000)]
    public async Task Malformed_frames_are_classified_as_malformed_by_the_client(string exchange, CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, SimulatorFixture.Symbols, cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        server.SendMalformedFrames(4, exchange);
        clock.Advance(TimeSpan.FromMilliseconds(10));

        for (var i = 0; i < 4; i++)
        {
            var result = await client.NextAsync(cancellationToken);
            Assert.That(result.Kind, Is.EqualTo(FrameKind.Malformed), client.LastText);
        }
    }

    [TestCaseSource(nameof(AllExchanges))]
    [CancelAfter(30_000)]
    public async Task Skipped_ids_make_a_gap_that_the_rest_endpoint_fills_exactly(string exchange, CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(40, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, exchange, SimulatorFixture.Symbols, cancellationToken);
        await client.SubscribeAsync(cancellationToken);
        var detector = new TradeIdGapDetector();
        var offset = exchange == ExchangeNames.Bybit ? Exchanges.BybitSession.IdOffset : 0;
        clock.Advance(TimeSpan.FromSeconds(1));
        await DrainAsync(client, server, cancellationToken, detector, offset);

        server.SkipTradeIds("BTC-USDT", 5);
        clock.Advance(TimeSpan.FromSeconds(1));
        var gaps = new List<TradeIdGap>();
        await DrainAsync(client, server, cancellationToken, detector, offset, gaps);

        Assert.That(gaps, Has.Count.EqualTo(1));
        var gap = new TradeIdGap(gaps[0].First - offset, gaps[0].Last - offset);
        var request = client.Adapter.BuildBackfillRequest("BTC-USDT", gap);
        Assert.That(request.Uri.GetLeftPart(UriPartial.Authority), Is.EqualTo(server.BaseUri.GetLeftPart(UriPartial.Authority)));
        using var http = new HttpClient();
        var body = await http.GetByteArrayAsync(request.Uri, cancellationToken);
        var buffer = new ParsedTrade[1000];
        var result = client.Adapter.ParseBackfillResponse(body, "BTC-USDT", 0, buffer);
        Assert.That(result.Kind, Is.EqualTo(FrameKind.Trades), System.Text.Encoding.UTF8.GetString(body));

        var filled = buffer.AsSpan(0, result.TradeCount).ToArray().Where(t => t.TradeId - offset >= gap.First && t.TradeId - offset <= gap.Last).ToList();
        var truth = server.GetTrades("BTC-USDT", gap.First, 5);
        Assert.That(gap.Count, Is.EqualTo(5));
        Assert.That(filled.Select(t => (t.TradeId - offset, t.Price, t.Quantity, t.AggressorSide == Sofia.Contracts.V1.Side.Buy, t.ExchangeTimeUs)),
            Is.EqualTo(truth.Select(t => (t.TradeId, t.Price, t.Quantity, t.TakerIsBuyer, SimulatorFixture.ExchangeTimeUs(exchange, t.TimeUs)))));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Binance_announces_shutdown_in_the_documented_shape_then_closes(CancellationToken cancellationToken)
    {
        var (server, clock) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var _ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, ExchangeNames.Binance, SimulatorFixture.Symbols, cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        Assert.That(server.AnnounceShutdown(ExchangeNames.Binance, TimeSpan.FromSeconds(3)), Is.EqualTo(1));
        var notice = await client.NextAsync(cancellationToken);

        Assert.That(notice.Kind, Is.EqualTo(FrameKind.ServerShutdown));
        Assert.That(notice.EventTimeUs, Is.EqualTo(clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000));
        ExchangeSimulatorServerTests.AssertSameShape(
            JsonNode.Parse(client.LastText)!, JsonNode.Parse(File.ReadAllText(ReferenceData.File("exchange-samples/binance_combined_serverShutdown.json")))!, "$");
        Assert.That(await client.ReceivesWithinAsync(TimeSpan.FromMilliseconds(100), cancellationToken), Is.False, "open until the close time");

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.That(await client.ReceiveAsync(cancellationToken), Is.Null);
        Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Okx_announces_a_service_upgrade_with_a_notice(CancellationToken cancellationToken)
    {
        var (server, _) = await SimulatorFixture.StartAsync(0, cancellationToken);
        await using var __ = server;
        await using var client = await ExchangeClient.ConnectAsync(server, ExchangeNames.Okx, SimulatorFixture.Symbols, cancellationToken);
        await client.SubscribeAsync(cancellationToken);

        server.AnnounceShutdown(ExchangeNames.Okx, TimeSpan.FromSeconds(60));
        var notice = await client.NextAsync(cancellationToken);

        Assert.That((notice.Kind, notice.Code), Is.EqualTo((FrameKind.ServerShutdown, "64008")));
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(60_000)]
    public async Task A_client_that_falls_too_far_behind_is_cut_off_without_holding_up_others(CancellationToken cancellationToken)
    {
        var options = new ExchangeSimulatorOptions { MaxPendingBytesPerConnection = 1024 * 1024 };
        var (server, clock) = await SimulatorFixture.StartAsync(100_000, cancellationToken, options);
        await using var _ = server;
        await using var slow = await ExchangeClient.ConnectAsync(server, ExchangeNames.Binance, SimulatorFixture.Symbols, cancellationToken);
        await using var fast = await ExchangeClient.ConnectAsync(server, ExchangeNames.Binance, SimulatorFixture.Symbols, cancellationToken);
        await slow.SubscribeAsync(cancellationToken);
        await fast.SubscribeAsync(cancellationToken);

        var received = 0L;
        // Steps of 10 ms (about 190 kB of frames each) keep the fast client's backlog far below the limit.
        for (var step = 0; step < 1000 && server.ConnectionCount() == 2; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            var target = server.LastTradeId("BTC-USDT") + server.LastTradeId("ETH-USDT");
            while (received < target)
            {
                var result = await fast.NextAsync(cancellationToken);
                received += result.Kind == FrameKind.Trades ? result.TradeCount : 0;
            }
        }

        await SimulatorFixture.WaitUntilAsync(() => server.ConnectionCount() == 1, cancellationToken);
        Assert.That(async () => { while (await slow.ReceiveAsync(cancellationToken) is not null) { } }, Throws.InstanceOf<WebSocketException>());
        Assert.That(fast.State, Is.EqualTo(WebSocketState.Open));
        Assert.That(received, Is.EqualTo(server.LastTradeId("BTC-USDT") + server.LastTradeId("ETH-USDT")));
    }

    /// <summary>Reads until the client has the newest trade of every symbol it carries; returns the highest exchange id seen.</summary>
    private static async Task<long> DrainAsync(
        ExchangeClient client, ExchangeSimulatorServer server, CancellationToken cancellationToken,
        TradeIdGapDetector? btcDetector = null, long offset = 0, List<TradeIdGap>? gaps = null)
    {
        var seen = client.Plan.Symbols.ToDictionary(s => s, _ => 0L);
        while (seen.Any(s => s.Value < server.LastTradeId(s.Key)))
        {
            var result = await client.NextAsync(cancellationToken);
            foreach (var trade in client.Trades(result))
            {
                seen[trade.Symbol] = trade.TradeId - offset;
                if (trade.Symbol == "BTC-USDT" && btcDetector?.Observe(trade) is { IsEmpty: false } gap)
                {
                    gaps?.Add(gap);
                }
            }
        }

        return seen.Values.Max();
    }
}
