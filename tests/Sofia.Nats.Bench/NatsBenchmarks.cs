using System.Diagnostics;
using Sofia.Nats.JetStream;

namespace Sofia.Nats.Bench;

/// <summary>The measurements, each repeated and reported as a median.</summary>
internal sealed class NatsBenchmarks(string url, TextWriter output, TextWriter log)
{
    private const int Runs = 3;
    private const int CorePublishCount = 1_000_000;
    private const int SyncPublishCount = 10_000;
    private const int AsyncPublishCount = 200_000;
    private const int RequestCount = 10_000;
    private static readonly byte[] Payload = new byte[128];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [url], Name = "sofia-bench" }, cancellationToken);
        var js = new NatsJsContext(connection, new NatsJsOptions { RequestTimeout = TimeSpan.FromSeconds(30) });

        var (corePublish, publishAllocation) = await MeasureCorePublishAsync(connection, cancellationToken);
        Report(new BenchFigure("core_publish_msgs_per_s", corePublish, "msgs/s"));
        Report(new BenchFigure("publish_alloc_bytes_per_msg", publishAllocation, "bytes/msg"));

        Report(new BenchFigure("js_sync_publish_msgs_per_s", await MeasureSyncPublishAsync(js, cancellationToken), "msgs/s"));
        Report(new BenchFigure("js_async_publish_msgs_per_s", await MeasureAsyncPublishAsync(js, cancellationToken), "msgs/s"));

        var (consume, consumeAllocation) = await MeasureConsumeAsync(js, cancellationToken);
        Report(new BenchFigure("pull_consume_msgs_per_s", consume, "msgs/s"));
        Report(new BenchFigure("consume_alloc_bytes_per_msg", consumeAllocation, "bytes/msg"));

        var (p50, p99) = await MeasureRequestReplyAsync(connection, cancellationToken);
        Report(new BenchFigure("request_reply_p50_us", p50, "us"));
        Report(new BenchFigure("request_reply_p99_us", p99, "us"));
    }

    private async Task<(double Rate, double Allocation)> MeasureCorePublishAsync(NatsConnection connection, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        var allocations = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < CorePublishCount; i++)
            {
                await connection.PublishAsync("bench.sofia.core", Payload, cancellationToken: cancellationToken);
            }

            await connection.FlushAsync(cancellationToken);
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (run > 0)
            {
                // The first run warms the JIT.
                rates.Add(CorePublishCount / watch.Elapsed.TotalSeconds);
                allocations.Add((double)allocated / CorePublishCount);
            }

            await log.WriteLineAsync($"core publish run {run}: {CorePublishCount / watch.Elapsed.TotalSeconds:0} msgs/s, {(double)allocated / CorePublishCount:0.0} B/msg");
        }

        return (Median(rates), Median(allocations));
    }

    private async Task<double> MeasureSyncPublishAsync(NatsJsContext js, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var stream = await FreshStreamAsync(js, "BENCH_SOFIA_SYNC", cancellationToken);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < SyncPublishCount; i++)
            {
                await js.PublishAsync(stream + ".x", Payload, cancellationToken: cancellationToken);
            }

            rates.Add(SyncPublishCount / watch.Elapsed.TotalSeconds);
            await log.WriteLineAsync($"js sync publish run {run}: {rates[^1]:0} msgs/s");
        }

        return Median(rates);
    }

    private async Task<double> MeasureAsyncPublishAsync(NatsJsContext js, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var stream = await FreshStreamAsync(js, "BENCH_SOFIA_ASYNC", cancellationToken);
            await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 4096 }, cancellationToken);
            var subject = stream + ".x";
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < AsyncPublishCount; i++)
            {
                await publisher.PublishAsync(subject, Payload, cancellationToken: cancellationToken);
            }

            await publisher.FlushAsync(cancellationToken);
            rates.Add(AsyncPublishCount / watch.Elapsed.TotalSeconds);
            await log.WriteLineAsync($"js async publish run {run}: {rates[^1]:0} msgs/s");
        }

        return Median(rates);
    }

    private async Task<(double Rate, double Allocation)> MeasureConsumeAsync(NatsJsContext js, CancellationToken cancellationToken)
    {
        // Reads the stream the last async run filled: AsyncPublishCount messages of 128 bytes.
        const string stream = "BENCH_SOFIA_ASYNC";
        var rates = new List<double>();
        var allocations = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = $"bench{run}", AckPolicy = AckPolicy.Explicit }, cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var count = 0;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await foreach (var msg in consumer.ConsumeAsync(new NatsJsConsumeOptions { MaxMessages = 1_000 }, stop.Token))
            {
                await msg.AckAsync(cancellationToken);
                if (++count == AsyncPublishCount)
                {
                    break;
                }
            }

            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            rates.Add(count / watch.Elapsed.TotalSeconds);
            allocations.Add((double)allocated / count);
            await log.WriteLineAsync($"pull consume run {run}: {rates[^1]:0} msgs/s, {allocations[^1]:0.0} B/msg");
        }

        return (Median(rates), Median(allocations));
    }

    private async Task<(double P50, double P99)> MeasureRequestReplyAsync(NatsConnection connection, CancellationToken cancellationToken)
    {
        await using var responderConnection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [url], Name = "sofia-bench-responder" }, cancellationToken);
        await using var service = await responderConnection.SubscribeAsync("bench.sofia.rr", cancellationToken: cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var responder = Task.Run(
            async () =>
            {
                await foreach (var request in service.ReadAllAsync(stop.Token))
                {
                    await request.ReplyAsync(request.Data, cancellationToken: stop.Token);
                }
            },
            stop.Token);
        for (var i = 0; i < 1_000; i++)
        {
            await connection.RequestAsync("bench.sofia.rr", Payload, cancellationToken: cancellationToken);
        }

        var latencies = new double[RequestCount];
        for (var i = 0; i < RequestCount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await connection.RequestAsync("bench.sofia.rr", Payload, cancellationToken: cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        await stop.CancelAsync();
        await responder.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Array.Sort(latencies);
        await log.WriteLineAsync($"request/reply: p50 {latencies[RequestCount / 2]:0.0} us, p99 {latencies[RequestCount * 99 / 100]:0.0} us");
        return (latencies[RequestCount / 2], latencies[RequestCount * 99 / 100]);
    }

    private static async Task<string> FreshStreamAsync(NatsJsContext js, string name, CancellationToken cancellationToken)
    {
        await js.DeleteStreamAsync(name, cancellationToken);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]) { Storage = StorageType.File }, cancellationToken);
        return name;
    }

    private void Report(BenchFigure figure) => output.WriteLine(figure.ToJson());

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
