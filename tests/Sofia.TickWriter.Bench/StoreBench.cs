using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.ClickHouse;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Testing;
using Sofia.TickWriter.Options;
using Sofia.TickWriter.Storage;
using Sofia.TickWriter.Workers;

namespace Sofia.TickWriter.Bench;

/// <summary>
/// Sustained rows/s from a pre-filled stream through the tick writer, the clickhouse-client ceiling on the
/// same rows, insert latency, and publish-to-queryable latency at a steady 10,000 ticks/s.
/// </summary>
internal sealed class StoreBench(NatsServer nats, ClickHouseServer clickHouse, int rows) : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<(TickWriterWorker Worker, NatsMessageBus Bus)> _workers = [];
    private readonly List<ClickHouseClient> _clients = [];

    private static int Passes => int.Parse(Environment.GetEnvironmentVariable("BENCH_PASSES") ?? "3", CultureInfo.InvariantCulture);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (database, rates, insertLatencies) = await MeasureThroughputAsync(cancellationToken);
        BenchFigure.Print("tickwriter_rows_per_s", BenchOutput.Percentile(rates, 0.50), "rows/s");
        BenchFigure.Print("tickwriter_insert_latency_p50", BenchOutput.Percentile(insertLatencies, 0.50) * 1000, "ms");
        BenchFigure.Print("tickwriter_insert_latency_p99", BenchOutput.Percentile(insertLatencies, 0.99) * 1000, "ms");

        var (ceiling, withoutView) = await MeasureClickHouseClientAsync(database, cancellationToken);
        BenchFigure.Print("tickwriter_rows_per_s", rows / ceiling.TotalSeconds, "rows/s", "clickhouse-client");
        BenchFigure.Print("ticks_without_candle_view_rows_per_s", rows / withoutView.TotalSeconds, "rows/s", "clickhouse-client");

        var latencies = await MeasureLatencyAsync(cancellationToken);
        BenchFigure.Print("tick_to_queryable_latency_p50", BenchOutput.Percentile(latencies, 0.50) * 1000, "ms");
        BenchFigure.Print("tick_to_queryable_latency_p99", BenchOutput.Percentile(latencies, 0.99) * 1000, "ms");
    }

    private async Task<(string Database, List<double> Rates, List<double> InsertLatencies)> MeasureThroughputAsync(CancellationToken cancellationToken)
    {
        var source = NewSource("thr");
        await PrefillAsync(source, cancellationToken);

        var insertLatencies = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "sofia.tickwriter.insert.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (insertLatencies)
            {
                insertLatencies.Add(value);
            }
        });
        listener.Start();

        // The machine is shared (2 cores, nats-server and ClickHouse on them too), so one pass is noisy: each pass
        // reads the whole stream with a durable of its own into a database of its own; the figure is their median.
        var rates = new List<double>();
        var database = "";
        for (var pass = 1; pass <= Passes; pass++)
        {
            await WaitForMergesAsync(cancellationToken);
            (database, var rate) = await MeasurePassAsync(source with { Durable = $"{source.Durable}-pass{pass}" }, cancellationToken);
            rates.Add(rate);
        }

        return (database, rates, insertLatencies);
    }

    private async Task<(string Database, double Rate)> MeasurePassAsync(TickSource source, CancellationToken cancellationToken)
    {
        // Sustained rate: the rows stored after the first tenth (start-up, consumer creation and the JIT's first
        // tiers are behind by then) over the time they took. The whole run from the first insert is logged too.
        var warmUp = rows / 10;
        long stored = 0;
        long warmRows = 0;
        long allocatedAtStart = 0;
        var gcsAtStart = (0, 0, 0);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sinceFirstInsert = new Stopwatch();
        var sinceWarm = new Stopwatch();
        var database = await StartWorkerAsync(source, ThroughputOptions(), (batch, _) =>
        {
            sinceFirstInsert.Start();
            var total = Interlocked.Add(ref stored, batch.Count);
            if (!sinceWarm.IsRunning && total >= warmUp)
            {
                warmRows = total;
                sinceWarm.Start();
                allocatedAtStart = GC.GetTotalAllocatedBytes();
                gcsAtStart = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            }

            if (total >= rows)
            {
                sinceWarm.Stop();
                sinceFirstInsert.Stop();
                done.TrySetResult();
            }

            return default;
        }, cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
        var measured = rows - warmRows;
        var rate = measured / sinceWarm.Elapsed.TotalSeconds;
        BenchFigure.Log($"{source.Durable}: {rate:F0} rows/s, {measured} rows through the tick writer in {sinceWarm.Elapsed.TotalSeconds:F2} s after the first {warmRows} ({rows / sinceFirstInsert.Elapsed.TotalSeconds:F0} rows/s from the first insert on)");
        BenchFigure.Log($"allocated {(GC.GetTotalAllocatedBytes() - allocatedAtStart) / (double)measured:F0} B/row; GCs gen0 {GC.CollectionCount(0) - gcsAtStart.Item1}, gen1 {GC.CollectionCount(1) - gcsAtStart.Item2}, gen2 {GC.CollectionCount(2) - gcsAtStart.Item3}");
        await StopWorkersAsync();
        return (database, rate);
    }

    /// <summary>Lets the previous pass's parts finish merging, so its background work is not counted in the next.</summary>
    private async Task WaitForMergesAsync(CancellationToken cancellationToken)
    {
        using var client = NewClient("system");
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            var merging = await client.QueryAsync("SELECT count() FROM system.merges", r => r.ReadUInt64(), cancellationToken: cancellationToken)
                .FirstAsync(cancellationToken);
            if (merging == 0)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static TickWriterOptions ThroughputOptions() => new()
    {
        BatchSize = int.Parse(Environment.GetEnvironmentVariable("BENCH_BATCH") ?? new TickWriterOptions().BatchSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        PullBatch = int.Parse(Environment.GetEnvironmentVariable("BENCH_PULL") ?? new TickWriterOptions().PullBatch.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    private async Task<(TimeSpan Ceiling, TimeSpan WithoutView)> MeasureClickHouseClientAsync(string sourceDatabase, CancellationToken cancellationToken)
    {
        var target = TestNames.Unique("ceiling");
        using var client = NewClient(target);
        await new ClickHouseMigrator(client, target).ApplyAsync(Path.Combine(AppContext.BaseDirectory, "clickhouse"), cancellationToken);
        var file = Path.Combine(Path.GetTempPath(), target + ".tsv");
        try
        {
            await RunClientAsync(
                $"--database {sourceDatabase} --query \"SELECT exchange, symbol, trade_id, price, quantity, side, exchange_time_us, receive_time_us, time, inserted_us FROM ticks FORMAT TabSeparated\"",
                null, file, cancellationToken);
            BenchFigure.Log($"exported {new FileInfo(file).Length / 1_000_000} MB of TSV");
            var clock = Stopwatch.StartNew();
            await RunClientAsync($"--database {target} --query \"INSERT INTO ticks FORMAT TabSeparated\"", file, null, cancellationToken);
            var elapsed = clock.Elapsed;
            BenchFigure.Log($"clickhouse-client inserted the same rows in {elapsed.TotalSeconds:F2} s");

            // The same table without the materialized view: what the one-minute candles cost at insert.
            await client.ExecuteAsync("CREATE TABLE ticks_plain AS ticks", cancellationToken: cancellationToken);
            clock.Restart();
            await RunClientAsync($"--database {target} --query \"INSERT INTO ticks_plain FORMAT TabSeparated\"", file, null, cancellationToken);
            var withoutView = clock.Elapsed;
            BenchFigure.Log($"clickhouse-client inserted them into a copy of ticks without the candle view in {withoutView.TotalSeconds:F2} s");
            return (elapsed, withoutView);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<List<double>> MeasureLatencyAsync(CancellationToken cancellationToken)
    {
        const int rate = 10_000;
        const int seconds = 10;
        var source = NewSource("lat");
        var latencies = new List<double>(rate * seconds);
        var time = TimeProvider.System;
        await StartWorkerAsync(source, new TickWriterOptions(), (batch, _) =>
        {
            // The hook runs when the insert has returned: the rows are queryable from here on.
            var now = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
            lock (latencies)
            {
                foreach (var row in batch)
                {
                    latencies.Add((now - row.Tick.ReceiveTimeUs) / 1e6);
                }
            }

            return default;
        }, cancellationToken);

        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [nats.Url], Name = "bench-publisher" }, cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(source.Stream, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 4096 }, cancellationToken);
        var clock = Stopwatch.StartNew();
        var tick = NewTick(0);
        for (var i = 0; i < rate * seconds; i++)
        {
            // Paced in 10 ms steps: 100 ticks each.
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            tick = NewTick(i);
            tick.ReceiveTimeUs = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
            await publisher.PublishAsync(Subject(source, tick), tick.ToByteArray(), MessageId(tick), cancellationToken);
        }

        await publisher.FlushAsync(cancellationToken);
        while (true)
        {
            lock (latencies)
            {
                if (latencies.Count >= rate * seconds)
                {
                    break;
                }
            }

            await Task.Delay(50, cancellationToken);
        }

        BenchFigure.Log($"published {rate * seconds} ticks at {rate}/s over {clock.Elapsed.TotalSeconds:F1} s");
        await StopWorkersAsync();
        return latencies;
    }

    private async Task PrefillAsync(TickSource source, CancellationToken cancellationToken)
    {
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [nats.Url], Name = "bench-prefill" }, cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(source.Stream, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 8192 }, cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            var tick = NewTick(i);
            await publisher.PublishAsync(Subject(source, tick), tick.ToByteArray(), MessageId(tick), cancellationToken);
        }

        await publisher.FlushAsync(cancellationToken);
        BenchFigure.Log($"pre-filled {rows} ticks in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<string> StartWorkerAsync(
        TickSource source,
        TickWriterOptions options,
        Func<IReadOnlyList<TickRow>, CancellationToken, ValueTask> afterInsert,
        CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("bench");
        var client = NewClient(database);
        _clients.Add(client);
        var state = new WriterState();
        var bus = new NatsMessageBus(new NatsClientOptions { Url = nats.Url, Name = "bench-tick-writer" });
        var worker = new TickWriterWorker(
            Microsoft.Extensions.Options.Options.Create(options),
            bus,
            new ClickHouseMarketStore(client, Path.Combine(AppContext.BaseDirectory, "clickhouse")),
            state,
            new TickWriterMetrics(_services.GetRequiredService<IMeterFactory>(), state),
            TimeProvider.System,
            NullLoggerFactory.Instance)
        {
            Source = source,
            AfterInsert = afterInsert,
        };
        _workers.Add((worker, bus));
        await worker.StartAsync(cancellationToken);
        return database;
    }

    private async Task StopWorkersAsync()
    {
        foreach (var (worker, bus) in _workers)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.StopAsync(timeout.Token);
            worker.Dispose();
            await bus.DisposeAsync();
        }

        _workers.Clear();
    }

    private async Task RunClientAsync(string arguments, string? stdinFile, string? stdoutFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("clickhouse-client", $"--host 127.0.0.1 --port {clickHouse.TcpPort.ToString(CultureInfo.InvariantCulture)} {arguments}")
        {
            RedirectStandardInput = stdinFile is not null,
            RedirectStandardOutput = stdoutFile is not null,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("clickhouse-client did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        Task copy = Task.CompletedTask;
        if (stdinFile is not null)
        {
            copy = CopyInAsync(stdinFile, process, cancellationToken);
        }
        else if (stdoutFile is not null)
        {
            copy = CopyOutAsync(stdoutFile, process, cancellationToken);
        }

        await copy;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"clickhouse-client {arguments} failed: {await errors}");
        }
    }

    private static async Task CopyInAsync(string file, Process process, CancellationToken cancellationToken)
    {
        await using (var input = File.OpenRead(file))
        {
            await input.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        }

        process.StandardInput.Close();
    }

    private static async Task CopyOutAsync(string file, Process process, CancellationToken cancellationToken)
    {
        await using var output = File.Create(file);
        await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
    }

    private ClickHouseClient NewClient(string database) =>
        new(new ClickHouseClientOptions { BaseAddress = clickHouse.HttpUrl, Database = database, CompressRequests = new ClickHouseMarketStoreOptions().CompressInserts }, null, _services.GetRequiredService<IMeterFactory>());

    private static TickSource NewSource(string prefix)
    {
        var name = TestNames.Unique(prefix);
        return new TickSource(
            new StreamDefinition(name.ToUpperInvariant(), [$"{name}.ticks.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(1), TimeSpan.FromMinutes(2)),
            Durables.TickWriter);
    }

    private static string Subject(TickSource source, Tick tick) =>
        $"{source.Stream.Subjects[0][..^1]}{tick.Exchange}.{tick.Symbol}";

    private static string MessageId(Tick tick) => MessageHeaders.TickMessageId(tick.Exchange, tick.Symbol, tick.TradeId);

    private static readonly string[] Exchanges = ["binance", "bybit", "okx", "coinbase"];
    private static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT", "SOL-USDT", "XRP-USDT"];
    private static readonly long Start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private static Tick NewTick(int i) => new()
    {
        Exchange = Exchanges[i & 3],
        Symbol = Symbols[(i >> 2) & 3],
        Price = new DecimalValue { Mantissa = 6_700_000 + (i % 1000), Scale = 2 },
        Quantity = new DecimalValue { Mantissa = 1 + (i % 50_000), Scale = 6 },
        AggressorSide = (i & 1) == 0 ? Side.Buy : Side.Sell,
        TradeId = (1_000_000_000L + i).ToString(CultureInfo.InvariantCulture),
        ExchangeTimeUs = Start + (i * 1_000L),
        ReceiveTimeUs = Start + (i * 1_000L) + 500,
    };

    public async ValueTask DisposeAsync()
    {
        await StopWorkersAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _services.DisposeAsync();
    }
}
