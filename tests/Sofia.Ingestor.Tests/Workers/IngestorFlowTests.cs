using System.Net;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.ExchangeSimulator;
using Sofia.Ingestor.Tests.Support;
using Sofia.Testing;

namespace Sofia.Ingestor.Tests.Workers;

/// <summary>The ingestor against the exchange simulator and a real nats-server: ticks, alerts, feed states, bad frames.</summary>
[TestFixture]
[NonParallelizable]
public sealed class IngestorFlowTests
{
    private NatsServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await NatsServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [TestCase(ExchangeSimulatorServer.Binance)]
    [TestCase(ExchangeSimulatorServer.Bybit)]
    [TestCase(ExchangeSimulatorServer.Okx)]
    [TestCase(ExchangeSimulatorServer.Coinbase)]
    [CancelAfter(60_000)]
    public async Task Ticks_reach_the_stream_with_msg_ids_and_the_simulators_values(string exchange, CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(_server, [exchange], cancellationToken);

        Assert.That(await scenario.WaitForTicksAsync(exchange, 50, cancellationToken), Is.True, "ticks arrive");
        var through = scenario.Simulator.LastTradeId("BTC-USDT") - 5;
        var sequential = exchange != ExchangeSimulatorServer.Bybit;
        var problem = sequential ? await scenario.WaitUntilCompleteAsync(exchange, "BTC-USDT", through, TimeSpan.FromSeconds(15), cancellationToken) : null;
        var mismatches = await scenario.MismatchesAsync(exchange, "BTC-USDT", cancellationToken);
        var eth = await StreamContents.TicksAsync(scenario.JetStream, exchange, "ETH-USDT", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null, "every trade once, with its msg id");
            Assert.That(mismatches, Is.Empty, "values equal the simulator's records");
            Assert.That(eth, Is.Not.Empty, "the second symbol flows too");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Whale_alert_is_published_for_a_trade_at_or_above_the_threshold(CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(
            _server, [ExchangeSimulatorServer.Binance], cancellationToken, settings: new Dictionary<string, string?> { ["Ingestor:WhaleThresholdUsd"] = "2000" });

        List<(string MsgId, WhaleAlert Message)> alerts = [];
        Assert.That(
            await Poll.UntilAsync(
                async () => (alerts = await StreamContents.ReadAsync(
                    scenario.JetStream, Streams.Alerts.Name, Subjects.WhaleAlert("binance", "BTC-USDT"), WhaleAlert.Parser, cancellationToken)).Count > 0,
                TimeSpan.FromSeconds(30),
                cancellationToken),
            Is.True,
            "an alert arrives");
        var alert = alerts.First(a => a.Message.Kind == WhaleKind.LargeTrade).Message;
        var truth = scenario.Simulator.GetTrades("BTC-USDT", long.Parse(alert.TradeId, System.Globalization.CultureInfo.InvariantCulture), 1).Single();

        Assert.Multiple(() =>
        {
            Assert.That(IngestorScenario.Decimal(alert.NotionalUsd), Is.GreaterThanOrEqualTo(2000m));
            Assert.That(IngestorScenario.Decimal(alert.NotionalUsd), Is.EqualTo(truth.Price * truth.Quantity));
            Assert.That(alert.Side, Is.EqualTo(truth.TakerIsBuyer ? Side.Buy : Side.Sell));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Feeds_endpoint_and_readiness_show_every_connection(CancellationToken cancellationToken)
    {
        string[] all = [ExchangeSimulatorServer.Binance, ExchangeSimulatorServer.Bybit, ExchangeSimulatorServer.Okx, ExchangeSimulatorServer.Coinbase];
        await using var scenario = await IngestorScenario.StartAsync(_server, all, cancellationToken);

        Assert.That(
            await Poll.UntilAsync(() => scenario.Ingestor.Feeds.Feeds.Count == 4 && scenario.Ingestor.Feeds.Feeds.All(f => f.Trades > 0), TimeSpan.FromSeconds(30), cancellationToken),
            Is.True);
        var feeds = await scenario.Ingestor.GetFeedsAsync(cancellationToken);
        var ready = await scenario.Ingestor.GetReadinessStatusAsync(cancellationToken);
        var states = feeds.GetProperty("feeds").EnumerateArray().ToDictionary(f => f.GetProperty("exchange").GetString()!, f => f.GetProperty("state").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(states.Keys, Is.EquivalentTo(all));
            Assert.That(states.Values, Is.All.EqualTo("connected"));
            Assert.That(feeds.GetProperty("bus").GetString(), Is.EqualTo("Connected"));
            Assert.That(ready, Is.EqualTo((int)HttpStatusCode.OK));
        });
    }

    [TestCase(ExchangeSimulatorServer.Binance)]
    [TestCase(ExchangeSimulatorServer.Bybit)]
    [CancelAfter(60_000)]
    public async Task Malformed_frames_are_counted_and_the_connection_survives(string exchange, CancellationToken cancellationToken)
    {
        await using var scenario = await IngestorScenario.StartAsync(_server, [exchange], cancellationToken);
        Assert.That(await scenario.WaitForTicksAsync(exchange, 10, cancellationToken), Is.True);
        var feed = scenario.Ingestor.Feeds.Feeds.Single();

        scenario.Simulator.SendMalformedFrames(6, exchange);
        Assert.That(await Poll.UntilAsync(() => feed.FrameProblems >= 6, TimeSpan.FromSeconds(10), cancellationToken), Is.True, "bad frames are counted");
        var before = feed.Trades;
        Assert.That(await Poll.UntilAsync(() => feed.Trades > before + 20, TimeSpan.FromSeconds(10), cancellationToken), Is.True, "trades keep coming");

        Assert.That(feed.Reconnects, Is.Zero, "the connection was not dropped");
    }
}
