using System.Net;
using Sofia.Contracts;
using Sofia.ExchangeSimulator;
using Sofia.Ingestor.Tests.Support;
using Sofia.Testing;

namespace Sofia.Ingestor.Tests.Workers;

/// <summary>Faults the ingestor must survive without losing or duplicating a trade: cut, stalled and closing connections, skipped ids, a killed nats-server.</summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class IngestorFaultTests
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);
    private NatsServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await NatsServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [TestCase(ExchangeSimulatorServer.Binance)]
    [TestCase(ExchangeSimulatorServer.Okx)]
    [TestCase(ExchangeSimulatorServer.Coinbase)]
    [CancelAfter(90_000)]
    public async Task Dropped_connection_reconnects_and_backfills_every_missed_trade(string exchange, CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(_server, [exchange], cancellationToken);
        Assert.That(await scenario.WaitForTicksAsync(exchange, 20, cancellationToken), Is.True);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();

        Assert.That(scenario.Simulator.DropConnections(exchange), Is.EqualTo(1));
        Assert.That(await Poll.UntilAsync(() => feed.Reconnects >= 1 && feed.IsHealthy, CatchUp, cancellationToken), Is.True, "reconnected");
        var through = scenario.Simulator.LastTradeId("BTC-USDT");
        var problem = await scenario.WaitUntilCompleteAsync(exchange, "BTC-USDT", through, CatchUp, cancellationToken);

        Assert.That(problem, Is.Null);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Stalled_connection_is_found_stale_and_reconnected_without_loss(CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(
            _server, [ExchangeSimulatorServer.Binance], cancellationToken, settings: new Dictionary<string, string?> { ["Ingestor:StaleAfterSeconds"] = "1" });
        Assert.That(await scenario.WaitForTicksAsync("binance", 20, cancellationToken), Is.True);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();

        scenario.Simulator.Stall(TimeSpan.FromSeconds(30), ExchangeSimulatorServer.Binance);
        Assert.That(await Poll.UntilAsync(() => feed.Reconnects >= 1 && feed.IsHealthy, CatchUp, cancellationToken), Is.True, "stale, then reconnected");
        var through = scenario.Simulator.LastTradeId("BTC-USDT");
        var problem = await scenario.WaitUntilCompleteAsync("binance", "BTC-USDT", through, CatchUp, cancellationToken);
        var events = await StreamContents.ReadAsync(scenario.JetStream, Streams.Feed.Name, Subjects.Feed("binance"), Contracts.V1.FeedHealth.Parser, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null);
            Assert.That(events.Select(e => e.Message.State), Does.Contain(Contracts.V1.FeedState.Stale));
        });
    }

    [TestCase(ExchangeSimulatorServer.Binance)]
    [TestCase(ExchangeSimulatorServer.Okx)]
    [CancelAfter(90_000)]
    public async Task Skipped_trade_ids_are_found_and_backfilled_exactly_once(string exchange, CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(_server, [exchange], cancellationToken);
        Assert.That(await scenario.WaitForTicksAsync(exchange, 20, cancellationToken), Is.True);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();

        scenario.Simulator.SkipTradeIds("BTC-USDT", 25);
        Assert.That(await Poll.UntilAsync(() => feed.Gaps >= 1 && feed.Backfilled >= 25, CatchUp, cancellationToken), Is.True, "gap found and filled");
        var through = scenario.Simulator.LastTradeId("BTC-USDT");
        var problem = await scenario.WaitUntilCompleteAsync(exchange, "BTC-USDT", through, CatchUp, cancellationToken);
        var events = await StreamContents.ReadAsync(scenario.JetStream, Streams.Feed.Name, Subjects.Feed(exchange), Contracts.V1.FeedHealth.Parser, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null);
            Assert.That(feed.Reconnects, Is.Zero);
            Assert.That(events.Select(e => e.Message.State), Does.Contain(Contracts.V1.FeedState.Gap).And.Contain(Contracts.V1.FeedState.Backfilled));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Binance_shutdown_notice_switches_to_a_new_connection_without_loss(CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(_server, [ExchangeSimulatorServer.Binance], cancellationToken);
        Assert.That(await scenario.WaitForTicksAsync("binance", 20, cancellationToken), Is.True);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();
        var gapsBefore = feed.Gaps;

        Assert.That(scenario.Simulator.AnnounceShutdown(ExchangeSimulatorServer.Binance, TimeSpan.FromSeconds(3)), Is.EqualTo(1));
        Assert.That(await Poll.UntilAsync(() => feed.Reconnects >= 1, CatchUp, cancellationToken), Is.True, "a replacement connected");
        Assert.That(await Poll.UntilAsync(() => scenario.Simulator.ConnectionCount("binance") == 1, CatchUp, cancellationToken), Is.True, "the old one closed");
        var through = scenario.Simulator.LastTradeId("BTC-USDT");
        var problem = await scenario.WaitUntilCompleteAsync("binance", "BTC-USDT", through, CatchUp, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null);
            Assert.That(feed.Gaps, Is.EqualTo(gapsBefore), "the overlap leaves no gap to backfill");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Nats_killed_and_restarted_mid_stream_loses_and_duplicates_nothing(CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(
            _server, [ExchangeSimulatorServer.Binance], cancellationToken, tradesPerSecond: 1000);
        Assert.That(await scenario.WaitForTicksAsync("binance", 50, cancellationToken), Is.True);

        await _server.KillAsync(cancellationToken);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();
        var tradesAtKill = feed.Trades;
        Assert.That(await Poll.UntilAsync(() => feed.Trades > tradesAtKill + 1000, CatchUp, cancellationToken), Is.True, "intake continues into the buffer");
        var readyDuringOutage = await scenario.Ingestor.GetReadinessStatusAsync(cancellationToken);
        await _server.StartAsync(cancellationToken);

        var through = scenario.Simulator.LastTradeId("BTC-USDT");
        var problem = await scenario.WaitUntilCompleteAsync("binance", "BTC-USDT", through, TimeSpan.FromSeconds(60), cancellationToken);
        var ethThrough = scenario.Simulator.LastTradeId("ETH-USDT");
        var ethProblem = await scenario.WaitUntilCompleteAsync("binance", "ETH-USDT", ethThrough, TimeSpan.FromSeconds(30), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(readyDuringOutage, Is.EqualTo((int)HttpStatusCode.ServiceUnavailable), "not ready while NATS is down");
            Assert.That(problem, Is.Null);
            Assert.That(ethProblem, Is.Null);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Full_buffer_fails_readiness_and_pauses_intake_then_recovers_without_loss(CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(
            _server, [ExchangeSimulatorServer.Binance], cancellationToken, tradesPerSecond: 2000,
            settings: new Dictionary<string, string?> { ["Ingestor:BufferCapacity"] = "1000", ["Nats:ReconnectBufferBytes"] = "65536", ["Ingestor:StaleAfterSeconds"] = "60" });
        Assert.That(await scenario.WaitForTicksAsync("binance", 50, cancellationToken), Is.True);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();

        await _server.KillAsync(cancellationToken);
        Assert.That(await Poll.UntilAsync(() => scenario.Ingestor.Buffer.IsFull, CatchUp, cancellationToken), Is.True, "the buffer fills");
        var paused = feed.Trades;
        var ready = await scenario.Ingestor.GetReadinessStatusAsync(cancellationToken);
        var feeds = await scenario.Ingestor.GetFeedsAsync(cancellationToken);
        var stillPaused = await Poll.UntilAsync(() => feed.Trades > paused + 200, TimeSpan.FromSeconds(2), cancellationToken);
        await _server.StartAsync(cancellationToken);

        var through = scenario.Simulator.LastTradeId("BTC-USDT");
        var problem = await scenario.WaitUntilCompleteAsync("binance", "BTC-USDT", through, TimeSpan.FromSeconds(60), cancellationToken);
        var readyAfter = await Poll.UntilAsync(
            async () => await scenario.Ingestor.GetReadinessStatusAsync(cancellationToken) == (int)HttpStatusCode.OK, CatchUp, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(ready, Is.EqualTo((int)HttpStatusCode.ServiceUnavailable), "readiness fails while full");
            Assert.That(feeds.GetProperty("buffer").GetProperty("full").GetBoolean(), Is.True);
            Assert.That(stillPaused, Is.False, "sockets are not read while the buffer is full");
            Assert.That(problem, Is.Null, "nothing lost once NATS is back");
            Assert.That(readyAfter, Is.True);
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Stop_drains_the_buffer_so_every_received_trade_is_in_the_stream(CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(
            _server, [ExchangeSimulatorServer.Binance], cancellationToken, tradesPerSecond: 3000);
        Assert.That(await scenario.WaitForTicksAsync("binance", 500, cancellationToken), Is.True);

        await scenario.Ingestor.StopAsync(cancellationToken);
        var received = scenario.Ingestor.Feeds.Feeds.Sum(f => f.Trades);
        var stored = (await StreamContents.TicksAsync(scenario.JetStream, "binance", "BTC-USDT", cancellationToken)).Count
            + (await StreamContents.TicksAsync(scenario.JetStream, "binance", "ETH-USDT", cancellationToken)).Count;

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Ingestor.Buffer.Depth, Is.Zero);
            Assert.That(stored, Is.EqualTo(received));
        });
    }
}
