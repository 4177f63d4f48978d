using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.SignalHub.Domain;
using Sofia.SignalHub.Workers;
using Sofia.Signals;
using Sofia.Testing;
using Sofia.Trading;

namespace Sofia.SignalHub.Tests;

/// <summary>Real ticks through a real nats-server into the hub, and its signals back out.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SignalHubServiceTests
{
    private const string Plan = """
        bar_interval: 1m
        fusion: { threshold: 0.2 }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, weight: 1, params: { fast: 5, slow: 15 } }
              - { name: rsi_revert, weight: 1, params: { period: 6, lower: 35, upper: 65 } }
              - { name: supertrend, weight: 1, params: { period: 7 } }
        """;

    private string _planPath = null!;

    [SetUp]
    public void WritePlan()
    {
        _planPath = Path.Combine(Path.GetTempPath(), TestNames.Unique("plan") + ".yaml");
        File.WriteAllText(_planPath, Plan);
    }

    [TearDown]
    public void RemovePlan() => File.Delete(_planPath);

    [Test]
    [CancelAfter(120_000)]
    public async Task Signals_of_real_ticks_appear_on_their_subjects_as_the_engine_alone_decides(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var ticks = RealTicks.From(RealTicks.Bars(120));
        var expected = Expected(ticks);
        Assert.That(expected.Select(s => s.Strategy).Distinct(), Is.EquivalentTo((string[])["trend", "rsi_revert", "supertrend", "fused"]));

        await using var hub = await SignalHubHost.StartAsync(nats.Url, _planPath, history: null, cancellationToken);
        await PublishAsync(bus, ticks, cancellationToken);
        var published = await ReadSignalsAsync(bus, expected.Count, cancellationToken);

        Assert.That(published.Select(p => p.Subject), Is.EqualTo(expected.Select(s => $"signals.{s.Strategy}.BTC-USDT")));
        Assert.That(published.Select(p => p.MessageId), Is.EqualTo(expected.Select(s => s.Id)), "Nats-Msg-Id is the signal id");
        Assert.That(published.Select(p => p.MessageType).Distinct(), Is.EqualTo((string[])["sofia.v1.Signal"]));
        Assert.That(published.Select(p => Describe(p.Signal)), Is.EqualTo(expected.Select(Describe)));
        Assert.That(published[0].Signal.BarClose.ToDecimal(), Is.EqualTo((decimal)expected[0].BarClose));

        using var http = hub.CreateClient();
        using var response = await http.GetAsync(new Uri("/api/signals?symbol=BTC-USDT", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.RootElement.GetProperty("warm").GetBoolean(), Is.True);
        var latest = json.RootElement.GetProperty("signals").EnumerateArray().ToDictionary(e => e.GetProperty("strategy").GetString()!, e => e.GetProperty("signalId").GetString());
        Assert.That(latest, Is.EquivalentTo(expected.GroupBy(s => s.Strategy).ToDictionary(g => g.Key, g => g.Last().Id)));

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        var bars = expected.Select(s => s.BarOpenTimeUs).Distinct().Count();
        Assert.That(metrics, Does.Contain($"sofia_signalhub_tick_to_signal_duration_seconds_count {bars}"));
        Assert.That(metrics, Does.Contain("sofia_signalhub_bars_total{symbol=\"BTC-USDT\"} 119"), "120 bars, the last never closed");
        Assert.That(metrics, Does.Contain("sofia_signalhub_warmup_ready{symbol=\"BTC-USDT\"} 1"));
        await TestContext.Out.WriteLineAsync(string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("sofia_signalhub_tick_to_signal", StringComparison.Ordinal))));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Promoted_parameters_written_to_the_bucket_take_effect_at_the_next_bar(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var ticks = RealTicks.From(RealTicks.Bars(150));
        const int SplitTick = (80 * 4) + 1; // up to the first tick of bar 80, which closes bar 79
        var promoted = new Dictionary<string, string> { ["fast"] = "3", ["slow"] = "9" };
        var reference = new SignalEngine(StrategyPlan.Load(_planPath));
        var expected = Feed(reference, ticks.Take(SplitTick));
        Assert.That(reference.TryPromote("trend", RealTicks.Symbol, promoted, out _), Is.Not.Null);
        expected.AddRange(Feed(reference, ticks.Skip(SplitTick)));

        await using var hub = await SignalHubHost.StartAsync(nats.Url, _planPath, history: null, cancellationToken);
        await PublishAsync(bus, ticks.Take(SplitTick), cancellationToken);
        var before = expected.Count(s => s.BarOpenTimeUs <= ticks[SplitTick - 2].ExchangeTimeUs);
        await ReadSignalsAsync(bus, before, cancellationToken);
        var bucket = await bus.KeyValueAsync(KvBuckets.PromotedParameters, cancellationToken);
        var revision = await bucket.PutAsync("trend.BTC-USDT", Encoding.UTF8.GetBytes("""{"fast":"3","slow":"9"}"""), cancellationToken);
        var bad = await bucket.PutAsync("supertrend.BTC-USDT", Encoding.UTF8.GetBytes("""{"period":"1"}"""), cancellationToken);
        var watcher = hub.Services.GetRequiredService<PromotedParametersWatcher>();
        while (watcher.HandledRevision("trend.BTC-USDT") < revision || watcher.HandledRevision("supertrend.BTC-USDT") < bad)
        {
            await Task.Delay(20, cancellationToken);
        }

        await PublishAsync(bus, ticks.Skip(SplitTick), cancellationToken);
        var published = await ReadSignalsAsync(bus, expected.Count, cancellationToken);

        Assert.That(published.Select(p => Describe(p.Signal)), Is.EqualTo(expected.Select(Describe)));
        var engine = hub.Services.GetRequiredService<SignalEngine>();
        Assert.That(engine.CurrentEntries(RealTicks.Symbol).Single(e => e.Name == "trend").Bound.GetInt("slow"), Is.EqualTo(9));
        Assert.That(engine.CurrentEntries(RealTicks.Symbol).Single(e => e.Name == "supertrend").Bound.GetInt("period"), Is.EqualTo(7), "a bad value is ignored");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task A_restarted_hub_warmed_from_history_publishes_every_signal_once(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var bars = RealTicks.Bars(140);
        var ticks = RealTicks.From(bars);
        var expectedIds = Expected(ticks).Select(s => s.Id).ToList();
        const int SplitTick = (70 * 4) + 1;

        await using (var first = await SignalHubHost.StartAsync(nats.Url, _planPath, new BarHistory(bars), cancellationToken))
        {
            await PublishAsync(bus, ticks.Take(SplitTick), cancellationToken);
            await ReadSignalsAsync(bus, expectedIds.Count(id => BarOf(id) <= ticks[SplitTick - 2].ExchangeTimeUs), cancellationToken);
        }

        // A later start: the durable resumes after the last acked tick, and history before the first new bar warms it.
        await using var second = await SignalHubHost.StartAsync(nats.Url, _planPath, new BarHistory(bars), cancellationToken);
        await PublishAsync(bus, ticks.Skip(SplitTick), cancellationToken);
        var published = await ReadSignalsAsync(bus, expectedIds.Count, cancellationToken);

        Assert.That(published.Select(p => p.Signal.SignalId), Is.Unique);
        Assert.That(published.Select(p => p.Signal.SignalId), Is.EquivalentTo(expectedIds));
    }

    [Test]
    [CancelAfter(180_000)]
    [Category("Slow")]
    public async Task The_hub_resumes_after_nats_server_restarts_and_publishes_every_signal_once(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        var ticks = RealTicks.From(RealTicks.Bars(120));
        var expected = Expected(ticks);
        const int SplitTick = (60 * 4) + 1;
        await using var hub = await SignalHubHost.StartAsync(nats.Url, _planPath, history: null, cancellationToken);
        await using (var bus = Bus(nats))
        {
            await PublishAsync(bus, ticks.Take(SplitTick), cancellationToken);
            await ReadSignalsAsync(bus, expected.Count(s => s.BarOpenTimeUs <= ticks[SplitTick - 2].ExchangeTimeUs), cancellationToken);
        }

        await nats.RestartAsync(cancellationToken);
        await using var again = Bus(nats);
        await PublishAsync(again, ticks.Skip(SplitTick), cancellationToken);
        var published = await ReadSignalsAsync(again, expected.Count, cancellationToken);

        Assert.That(published.Select(p => p.Signal.SignalId), Is.Unique);
        Assert.That(published.Select(p => Describe(p.Signal)), Is.EqualTo(expected.Select(Describe)), "the hub kept its bars and strategies");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Fresh_news_sentiment_scales_the_fused_confidence(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var bars = RealTicks.Bars(100);
        var ticks = RealTicks.From(bars);
        var score = new SentimentScore { NewsId = "n1", Symbol = RealTicks.Symbol, Score = 0.9, Confidence = 0.8, Model = "test", TimeUs = bars[0].OpenTimeUs };
        var reference = new SignalEngine(StrategyPlan.Load(_planPath));
        reference.Sentiment.Update(score.Symbol, score.Score, score.Confidence, score.TimeUs);
        var expected = Feed(reference, ticks);
        var plain = Feed(new SignalEngine(StrategyPlan.Load(_planPath)), ticks);
        Assert.That(expected.Where(s => s.Strategy == "fused").Select(s => s.Confidence), Is.Not.EqualTo(plain.Where(s => s.Strategy == "fused").Select(s => s.Confidence)));

        await using var hub = await SignalHubHost.StartAsync(nats.Url, _planPath, history: null, cancellationToken);
        await bus.EnsureStreamAsync(Streams.News, cancellationToken);
        await bus.PublishAsync(new BusEnvelope(Subjects.NewsScored(RealTicks.Symbol), score.ToByteArray(), "n1:BTC-USDT", "sofia.v1.SentimentScore"), cancellationToken);
        var engine = hub.Services.GetRequiredService<SignalEngine>();
        while (engine.Sentiment.Multiplier(RealTicks.Symbol, 1, bars[1].OpenTimeUs) == 1)
        {
            await Task.Delay(20, cancellationToken);
        }

        await PublishAsync(bus, ticks, cancellationToken);
        var published = await ReadSignalsAsync(bus, expected.Count, cancellationToken);

        Assert.That(published.Select(p => (p.Signal.SignalId, p.Signal.Confidence)), Is.EqualTo(expected.Select(s => (s.Id, s.Confidence))));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Signals_api_answers_400_naming_the_symbol_when_it_is_missing_or_unknown(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var hub = await SignalHubHost.StartAsync(nats.Url, _planPath, history: null, cancellationToken);
        using var http = hub.CreateClient();

        foreach (var query in new[] { "/api/signals", "/api/signals?symbol=DOGE-USDT" })
        {
            using var response = await http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), query);
            Assert.That(json.RootElement.GetProperty("parameter").GetString(), Is.EqualTo("symbol"), query);
            Assert.That(json.RootElement.GetProperty("detail").GetString(), Does.StartWith("symbol: "), query);
        }

        using var empty = await http.GetAsync(new Uri("/api/signals?symbol=btcusdt", UriKind.Relative), cancellationToken);
        using var emptyJson = JsonDocument.Parse(await empty.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.OK), "any spelling of a planned symbol");
        Assert.That(emptyJson.RootElement.GetProperty("symbol").GetString(), Is.EqualTo("BTC-USDT"));
        Assert.That(emptyJson.RootElement.GetProperty("warm").GetBoolean(), Is.False);
    }

    private static NatsMessageBus Bus(NatsServer nats) => new(new NatsClientOptions { Url = nats.Url });

    private List<StrategySignal> Expected(IEnumerable<Tick> ticks) => Feed(new SignalEngine(StrategyPlan.Load(_planPath)), ticks);

    private static List<StrategySignal> Feed(SignalEngine engine, IEnumerable<Tick> ticks)
    {
        var signals = new List<StrategySignal>();
        foreach (var tick in ticks)
        {
            signals.AddRange(engine.OnTick(tick.Exchange, tick.Symbol, SignalMessages.ToTradeTick(tick), tick.TradeId));
        }

        return signals;
    }

    private static async Task PublishAsync(NatsMessageBus bus, IEnumerable<Tick> ticks, CancellationToken cancellationToken)
    {
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        foreach (var tick in ticks)
        {
            await bus.PublishAsync(new BusEnvelope(Subjects.Ticks(tick.Exchange, tick.Symbol), tick.ToByteArray(), RealTicks.MessageId(tick), "sofia.v1.Tick"), cancellationToken);
        }
    }

    // JetStream's err_code for a stream that does not exist (yet).
    private const int StreamNotFound = 10059;

    private static async Task<List<(string Subject, string? MessageId, string? MessageType, Signal Signal)>> ReadSignalsAsync(NatsMessageBus bus, int atLeast, CancellationToken cancellationToken)
    {
        while (true)
        {
            var signals = new List<(string, string?, string?, Signal)>();
            try
            {
                await foreach (var message in bus.ReadStreamAsync(Streams.Signals.Name, "signals.>", 1, cancellationToken))
                {
                    signals.Add((message.Subject, message.MessageId, message.MessageType, Signal.Parser.ParseFrom(message.Data.Span)));
                }
            }
            catch (NatsJsApiException ex) when (ex.ErrorCode == StreamNotFound)
            {
                // The hub has not created the stream yet.
            }

            if (signals.Count >= atLeast)
            {
                return signals;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static long BarOf(string id) => long.Parse(id[(id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(Signal s) => $"{s.SignalId} {s.Direction} {s.Strength:R} {s.Confidence:R} {s.Reason} {s.BarTimeUs} {s.BarIntervalSeconds}";

    private static string Describe(StrategySignal s) =>
        $"{s.Id} {ToProto(s.Direction)} {s.Strength:R} {s.Confidence:R} {s.Reason} {s.BarOpenTimeUs} {s.BarIntervalSeconds}";

    private static SignalDirection ToProto(Sofia.Trading.Strategies.SignalDirection direction) => direction switch
    {
        Sofia.Trading.Strategies.SignalDirection.Long => SignalDirection.Long,
        Sofia.Trading.Strategies.SignalDirection.Short => SignalDirection.Short,
        _ => SignalDirection.Flat,
    };
}
