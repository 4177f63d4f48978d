using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sofia.Contracts;
using Sofia.ExchangeSimulator;
using Sofia.Ingestor.Tests.Support;
using Sofia.Ingestor.Workers;
using Sofia.Nats.JetStream;
using Sofia.Testing;

namespace Sofia.Ingestor.Tests.Workers;

/// <summary>
/// End-to-end figures for scripts/bench/ingest.sh: simulator (OKX, 100 trades per frame) → ingestor → JetStream on
/// file storage. Runs only when SOFIA_BENCH_OUT names the file to write the JSON figures to.
/// </summary>
[TestFixture]
[Category("Bench")]
[NonParallelizable]
public sealed class IngestBenchmark
{
    private static readonly string? Output = Environment.GetEnvironmentVariable("SOFIA_BENCH_OUT");

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [Test]
    [CancelAfter(600_000)]
    public async Task Ingest_end_to_end_throughput_and_latency_figures(CancellationToken cancellationToken)
    {
        if (Output is null)
        {
            Assert.Ignore("Benchmark: run by scripts/bench/ingest.sh (SOFIA_BENCH_OUT unset).");
        }

        await using var server = await NatsServer.StartNewAsync(cancellationToken);
        var (p50, p99, count) = await MeasureLatencyAsync(server, Setting("SOFIA_BENCH_LATENCY_TPS", 10_000), cancellationToken);
        Figure("e2e_publish_latency_p99_ms", p99 * 1000, "ms", $"at 10000 trades/s, {count} ticks");
        Figure("e2e_publish_latency_p50_ms", p50 * 1000, "ms", $"at 10000 trades/s, {count} ticks");
        var (rate, stored, expected, duplicates) = await MeasureThroughputAsync(
            server, Setting("SOFIA_BENCH_TPS", 100_000), TimeSpan.FromSeconds(Setting("SOFIA_BENCH_SECONDS", 60)), cancellationToken);
        Figure("e2e_trades_per_s", rate, "trades/s", $"stored {stored} of {expected} ids, {duplicates} duplicates");
        Figure("e2e_lost_trades", expected - stored + 0.0, "trades", "ids missing from the stream after the run");
        Figure("e2e_duplicate_trades", duplicates, "trades", "ids stored more than once");
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(expected), "zero loss");
            Assert.That(duplicates, Is.Zero, "zero duplicates");
        });
    }

    private static async Task<(double P50, double P99, int Count)> MeasureLatencyAsync(NatsServer server, double tps, CancellationToken cancellationToken)
    {
        await using var scenario = await StartAsync(server, tps, cancellationToken);
        await WarmUpAsync(scenario, cancellationToken);
        var samples = new List<double>(1 << 20);
        var recording = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestorMetrics.MeterName && instrument.Name == "sofia.ingestor.publish.latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            if (Volatile.Read(ref recording))
            {
                lock (samples)
                {
                    samples.Add(value);
                }
            }
        });
        listener.Start();
        Volatile.Write(ref recording, true);
        await Task.Delay(TimeSpan.FromSeconds(Setting("SOFIA_BENCH_LATENCY_SECONDS", 20)), cancellationToken);
        Volatile.Write(ref recording, false);
        double[] sorted;
        lock (samples)
        {
            sorted = [.. samples.Order()];
        }

        Log($"latency: {sorted.Length} samples");
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length);
    }

    private static async Task<(double Rate, long Stored, long Expected, long Duplicates)> MeasureThroughputAsync(
        NatsServer server, double tps, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var scenario = await StartAsync(server, tps, cancellationToken);
        await WarmUpAsync(scenario, cancellationToken);
        var publisher = scenario.Ingestor.Services.GetServices<IHostedService>().OfType<PublishWorker>().Single();
        var start = publisher.Published;
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        var rate = (publisher.Published - start) / clock.Elapsed.TotalSeconds;
        Log($"throughput: {rate:0} msgs/s acknowledged; buffer {scenario.Ingestor.Buffer.Depth}");

        // Stop the market, let everything drain, then check the stream.
        scenario.Simulator.TradesPerSecond = 0;
        var lastIds = scenario.Simulator.Symbols.ToDictionary(s => s, s => scenario.Simulator.LastTradeId(s));
        await Poll.UntilAsync(() => scenario.Ingestor.Feeds.Feeds.Sum(f => f.Trades) > 0 && scenario.Ingestor.Buffer.Depth == 0, TimeSpan.FromSeconds(120), cancellationToken);
        await scenario.Ingestor.StopAsync(cancellationToken);
        var (stored, expected, duplicates) = await CheckStreamAsync(scenario.JetStream, lastIds, cancellationToken);
        return (rate, stored, expected, duplicates);
    }

    // Reads every msg id in TICKS (headers only): per symbol, every id from the first stored through the last generated, once.
    private static async Task<(long Stored, long Expected, long Duplicates)> CheckStreamAsync(
        NatsJsContext js, Dictionary<string, long> lastIds, CancellationToken cancellationToken)
    {
        var info = await js.GetStreamAsync(Streams.Ticks.Name, cancellationToken);
        var seen = lastIds.ToDictionary(p => p.Key, _ => new HashSet<long>());
        long duplicates = 0;
        long read = 0;
        var consumer = js.CreateOrderedConsumer(Streams.Ticks.Name, new NatsJsOrderedConsumerOptions { HeadersOnly = true, MaxMessages = 10_000 });
        await foreach (var msg in consumer.ConsumeAsync(cancellationToken))
        {
            read++;
            var parts = (msg.Headers?[MessageHeaders.MessageId] ?? "").Split(':');
            if (parts.Length == 3 && seen.TryGetValue(parts[1], out var ids) && !ids.Add(long.Parse(parts[2], CultureInfo.InvariantCulture)))
            {
                duplicates++;
            }

            if (msg.Metadata.NumPending == 0)
            {
                break;
            }
        }

        long expected = 0;
        long stored = 0;
        foreach (var (symbol, ids) in seen)
        {
            if (ids.Count == 0)
            {
                continue;
            }

            var first = ids.Min();
            expected += lastIds[symbol] - first + 1;
            stored += ids.Count(id => id <= lastIds[symbol]);
        }

        Log($"stream: {info.State.Messages} messages, {read} read, {stored} of {expected} ids, {duplicates} duplicates");
        return (stored, expected, duplicates);
    }

    private static async Task<IngestorScenario> StartAsync(NatsServer server, double tps, CancellationToken cancellationToken) =>
        await IngestorScenario.StartAsync(
            server,
            [ExchangeSimulatorServer.Okx],
            cancellationToken,
            tradesPerSecond: tps,
            settings: new Dictionary<string, string?>
            {
                ["Ingestor:StaleAfterSeconds"] = "30",
                ["Ingestor:WhaleThresholdUsd"] = "100000",

                // A consumer too slow for the offered rate is cut by the simulator; let backfill page through the whole gap.
                ["Ingestor:BackfillMaxPages"] = "10000",
                ["Logging:LogLevel:Default"] = "Warning",
            },
            historyCapacity: 2_000_000);

    private static async Task WarmUpAsync(IngestorScenario scenario, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(() => scenario.Ingestor.Feeds.Feeds.Sum(f => f.Trades) > 1000, TimeSpan.FromSeconds(30), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Figure(string metric, double value, string unit, string note)
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["suite"] = "ingest",
            ["metric"] = metric,
            ["value"] = Math.Round(value, 3),
            ["unit"] = unit,
            ["client"] = "sofia",
            ["cores"] = Environment.ProcessorCount,
            ["note"] = note,
        });
        File.AppendAllText(Output!, line + Environment.NewLine);
        Log(line);
    }

    private static void Log(string text) => TestContext.Progress.WriteLine("bench: " + text);
}
