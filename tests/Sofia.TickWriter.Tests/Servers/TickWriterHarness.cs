using System.Diagnostics.Metrics;
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

namespace Sofia.TickWriter.Tests.Servers;

/// <summary>
/// One test's tick writer against the shared servers: its own database, stream, subjects and durable,
/// so tests never see each other's data. Workers are constructed directly and can be stopped abruptly.
/// </summary>
internal sealed class TickWriterHarness : IAsyncDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<(TickWriterWorker Worker, NatsMessageBus Bus)> _workers = [];

    public TickWriterHarness(NatsServer nats, ClickHouseServer clickHouse, TickWriterOptions? options = null)
    {
        var name = TestNames.Unique("tw");
        Nats = nats;
        Database = name;
        Prefix = name;
        Source = new TickSource(
            new StreamDefinition(name.ToUpperInvariant(), [$"{name}.ticks.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(1), TimeSpan.FromMinutes(2)),
            Durables.TickWriter);
        Options = options ?? new TickWriterOptions { BatchSize = 2_000, BatchDelayMs = 100, PullBatch = 1_000, AckWaitSeconds = 4, InsertTimeoutSeconds = 1, MaxRetryDelayMs = 400, CircuitBreakMs = 1_000, DrainTimeoutMs = 2_000 };
        ClickHouse = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = clickHouse.HttpUrl, Database = Database, Timeout = TimeSpan.FromSeconds(30) });
        Store = new ClickHouseMarketStore(ClickHouse, Path.Combine(AppContext.BaseDirectory, "clickhouse"));
        State = new WriterState();
    }

    public NatsServer Nats { get; }

    public string Database { get; }

    public string Prefix { get; }

    public TickSource Source { get; }

    public TickWriterOptions Options { get; }

    public ClickHouseClient ClickHouse { get; }

    /// <summary>The store every worker of this harness writes to (and the tests read from).</summary>
    public ClickHouseMarketStore Store { get; }

    /// <summary>The readiness state of the latest worker.</summary>
    public WriterState State { get; private set; }

    public TickWriterMetrics NewMetrics(WriterState state) => new(_metrics.GetRequiredService<IMeterFactory>(), state);

    /// <summary>Creates and starts a worker on a bus connection of its own; <paramref name="afterInsert"/> runs between insert and ack.</summary>
    public async Task<TickWriterWorker> StartWorkerAsync(
        CancellationToken cancellationToken,
        Func<IReadOnlyList<TickRow>, CancellationToken, ValueTask>? afterInsert = null)
    {
        State = new WriterState();
        var bus = new NatsMessageBus(new NatsClientOptions { Url = Nats.Url, Name = "tick-writer-test" });
        var worker = new TickWriterWorker(
            Microsoft.Extensions.Options.Options.Create(Options),
            bus,
            Store,
            State,
            NewMetrics(State),
            TimeProvider.System,
            NullLoggerFactory.Instance)
        {
            Source = Source,
            AfterInsert = afterInsert,
        };
        _workers.Add((worker, bus));
        await worker.StartAsync(cancellationToken);
        return worker;
    }

    public string Subject(Tick tick) => $"{Prefix}.ticks.{tick.Exchange}.{tick.Symbol}";

    /// <summary>Publishes with JetStream acks; <paramref name="msgIdSuffix"/> makes a second copy a new message.</summary>
    public async Task PublishAsync(IEnumerable<Tick> ticks, CancellationToken cancellationToken, string msgIdSuffix = "")
    {
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [Nats.Url], Name = "tick-publisher" }, cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(Source.Stream, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 2048 }, cancellationToken);
        foreach (var tick in ticks)
        {
            var id = MessageHeaders.TickMessageId(tick.Exchange, tick.Symbol, tick.TradeId) + msgIdSuffix;
            await publisher.PublishAsync(Subject(tick), tick.ToByteArray(), id, cancellationToken);
        }

        await publisher.FlushAsync(cancellationToken);
    }

    /// <summary>Publishes raw bytes, for poison messages.</summary>
    public async Task PublishRawAsync(string subject, byte[] payload, CancellationToken cancellationToken)
    {
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [Nats.Url], Name = "raw-publisher" }, cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(Source.Stream, cancellationToken);
        await js.PublishAsync(subject, payload, new NatsJsPublishOptions(), cancellationToken: cancellationToken);
    }

    public async Task<ulong> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await foreach (var value in ClickHouse.QueryAsync(sql, r => r.ReadUInt64(), cancellationToken: cancellationToken))
        {
            return value;
        }

        throw new InvalidOperationException("no row");
    }

    /// <summary>Distinct trades stored (the exact count).</summary>
    public Task<ulong> DistinctTicksAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT count() FROM (SELECT exchange, symbol, trade_id FROM ticks GROUP BY exchange, symbol, trade_id)", cancellationToken);

    /// <summary>Distinct trades stored, or 0 before the schema exists.</summary>
    public async Task<ulong> StoredSoFarAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DistinctTicksAsync(cancellationToken);
        }
        catch (ClickHouseServerException)
        {
            return 0;
        }
    }

    /// <summary>Rows the candle view received, duplicates included.</summary>
    public Task<ulong> RowsSeenByCandleViewAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT toUInt64(countMerge(trades)) FROM candles_1m", cancellationToken);

    /// <summary>Waits until <paramref name="expected"/> distinct trades are stored and the consumer has nothing outstanding.</summary>
    public async Task WaitUntilStoredAsync(int expected, CancellationToken cancellationToken)
    {
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [Nats.Url], Name = "tick-watcher" }, cancellationToken);
        var js = new NatsJsContext(connection);
        while (true)
        {
            try
            {
                var stored = await DistinctTicksAsync(cancellationToken);
                var info = await js.GetConsumerInfoAsync(Source.Stream.Name, Source.Durable, cancellationToken);
                if (stored >= (ulong)expected && info.NumPending == 0 && info.NumAckPending == 0)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is ClickHouseException or NatsException)
            {
                // Not there yet (database not migrated, server restarting): poll on.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (worker, bus) in _workers)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.StopAsync(timeout.Token);
            worker.Dispose();
            await bus.DisposeAsync();
        }

        ClickHouse.Dispose();
        await _metrics.DisposeAsync();
    }
}
