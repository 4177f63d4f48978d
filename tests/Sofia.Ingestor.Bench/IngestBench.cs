using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Sofia.Contracts;
using Sofia.Nats.JetStream;
using Sofia.Testing;

namespace Sofia.Ingestor.Bench;

/// <summary>
/// Receive → publish-ack latency at a steady rate, then sustained trades/s at a high offered rate with the stream
/// checked afterwards: every id from the first stored through the last generated, exactly once.
/// </summary>
internal sealed class IngestBench(NatsServer nats)
{
    public async Task MeasureLatencyAsync(double tradesPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var run = await BenchRun.StartAsync(nats, tradesPerSecond, cancellationToken);
        await run.WarmUpAsync(cancellationToken);
        var samples = new List<double>(1 << 20);
        var recording = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Sofia.Ingestor" && instrument.Name == "sofia.ingestor.publish.latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            if (Volatile.Read(ref recording) == 1)
            {
                lock (samples)
                {
                    samples.Add(value);
                }
            }
        });
        listener.Start();
        var load = BenchFigure.LoadAverage();
        Volatile.Write(ref recording, 1);
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref recording, 0);
        lock (samples)
        {
            samples.Sort();
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"at {tradesPerSecond:0} trades/s, {samples.Count} ticks over {duration.TotalSeconds:0} s, load average {load:0.0}");
        BenchFigure.Print("e2e_publish_latency_p50_ms", BenchOutput.Percentile(samples, 0.50) * 1000, "ms", note);
        BenchFigure.Print("e2e_publish_latency_p99_ms", BenchOutput.Percentile(samples, 0.99) * 1000, "ms", note);
        BenchFigure.Print("e2e_publish_latency_max_ms", samples.Count == 0 ? double.NaN : samples[^1] * 1000, "ms", note);
    }

    /// <summary>True when the stream holds every offered trade exactly once.</summary>
    public async Task<bool> MeasureThroughputAsync(double tradesPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var run = await BenchRun.StartAsync(nats, tradesPerSecond, cancellationToken);
        await run.WarmUpAsync(cancellationToken);
        var offered0 = run.Simulator.TradesGenerated;
        var received0 = run.Received;
        var acked0 = run.Publisher.Published;
        var loads = new List<double>();
        var clock = Stopwatch.StartNew();
        var (offered, received, acked) = (offered0, received0, acked0);
        while (clock.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, (duration - clock.Elapsed).TotalSeconds)), cancellationToken);
            var (o, r, a) = (run.Simulator.TradesGenerated, run.Received, run.Publisher.Published);
            loads.Add(BenchFigure.LoadAverage());
            BenchFigure.Log(string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds,5:0} s: offered {o - offered,8}, received {r - received,8}, acked {a - acked,8} (since last line); buffer {run.Buffer.Depth}, in flight {run.Publisher.InFlight}, reconnects {run.Feeds.Feeds.Sum(f => f.Reconnects)}, load {loads[^1]:0.0}"));
            (offered, received, acked) = (o, r, a);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var ackedRate = (run.Publisher.Published - acked0) / seconds;
        var offeredRate = (run.Simulator.TradesGenerated - offered0) / seconds;
        var receivedRate = (run.Received - received0) / seconds;

        // Stop the market, let intake, backfill and acks finish, then stop the ingestor and read the stream.
        run.Simulator.TradesPerSecond = 0;
        var lastIds = run.Simulator.Symbols.ToDictionary(s => s, s => run.Simulator.LastTradeId(s));
        var settled = Stopwatch.StartNew();
        var lastReceived = -1L;
        await BenchRun.UntilAsync(
            () =>
            {
                var now = run.Received;
                if (now != lastReceived || run.Buffer.Depth > 0 || run.Publisher.InFlight > 0)
                {
                    lastReceived = now;
                    settled.Restart();
                }

                return settled.Elapsed > TimeSpan.FromSeconds(3);
            },
            TimeSpan.FromSeconds(300),
            cancellationToken);
        await run.StopIngestorAsync(cancellationToken);
        var (stored, expected, duplicates, withoutType) = await CheckStreamAsync(run.JetStream, lastIds, cancellationToken);
        var reconnects = run.Feeds.Feeds.Sum(f => f.Reconnects);
        var backfilled = run.Feeds.Feeds.Sum(f => f.Backfilled);
        var load = loads.Count == 0 ? double.NaN : loads.Average();
        var note = string.Create(CultureInfo.InvariantCulture,
            $"offered {tradesPerSecond:0}/s for {seconds:0} s (simulator made {offeredRate:0}/s, ingestor received {receivedRate:0}/s); {reconnects} reconnects, {backfilled} backfilled; load average {load:0.0}");
        BenchFigure.Print("e2e_trades_per_s", ackedRate, "trades/s", note);
        BenchFigure.Print("e2e_offered_trades_per_s", offeredRate, "trades/s", note);
        BenchFigure.Print("e2e_lost_trades", expected - stored, "trades", string.Create(CultureInfo.InvariantCulture, $"stored {stored} of {expected} ids"));
        BenchFigure.Print("e2e_duplicate_trades", duplicates, "trades", "ids stored more than once");
        BenchFigure.Print("e2e_ticks_without_type_header", withoutType, "ticks", "ticks stored without Sofia-Type: sofia.v1.Tick");
        return stored == expected && duplicates == 0 && withoutType == 0;
    }

    // Every msg id in TICKS (headers only): per symbol, every id from the first stored through the last generated, once.
    private static async Task<(long Stored, long Expected, long Duplicates, long WithoutType)> CheckStreamAsync(
        NatsJsContext js, Dictionary<string, long> lastIds, CancellationToken cancellationToken)
    {
        var info = await js.GetStreamAsync(Streams.Ticks.Name, cancellationToken);
        var seen = lastIds.ToDictionary(p => p.Key, _ => new HashSet<long>());
        long duplicates = 0;
        long read = 0;
        var wrongType = 0L;
        if (info.State.Messages > 0)
        {
            var consumer = js.CreateOrderedConsumer(Streams.Ticks.Name, new NatsJsOrderedConsumerOptions { HeadersOnly = true, MaxMessages = 10_000 });
            await foreach (var msg in consumer.ConsumeAsync(cancellationToken))
            {
                read++;
                var parts = (msg.Headers?[MessageHeaders.MessageId] ?? "").Split(':');
                if (parts.Length == 3 && seen.TryGetValue(parts[1], out var ids) && !ids.Add(long.Parse(parts[2], CultureInfo.InvariantCulture)))
                {
                    duplicates++;
                }

                if (msg.Headers?[MessageHeaders.MessageType] != "sofia.v1.Tick")
                {
                    wrongType++;
                }

                if (msg.Metadata.NumPending == 0)
                {
                    break;
                }
            }
        }

        long expected = 0;
        long stored = 0;
        foreach (var (symbol, ids) in seen)
        {
            if (ids.Count > 0)
            {
                expected += lastIds[symbol] - ids.Min() + 1;
                stored += ids.Count(id => id <= lastIds[symbol]);
            }
        }

        BenchFigure.Log($"stream: {info.State.Messages} messages, {read} read, {stored} of {expected} ids, {duplicates} duplicates, {wrongType} without the tick type header");
        return (stored, expected, duplicates, wrongType);
    }
}
