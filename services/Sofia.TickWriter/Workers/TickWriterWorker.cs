using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Contracts;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.TickWriter.Options;
using Sofia.TickWriter.Storage;

namespace Sofia.TickWriter.Workers;

/// <summary>
/// Connects, migrates the schema, declares the streams and the durable consumer, then runs the pipeline;
/// after any failure it starts over with a fresh connection (what was not acknowledged is redelivered).
/// </summary>
internal sealed class TickWriterWorker(
    IOptions<TickWriterOptions> options,
    IOptions<NatsClientOptions> natsOptions,
    IOptions<ClickHouseStorageOptions> storageOptions,
    ClickHouseClient clickHouse,
    TickStore store,
    WriterState state,
    TickWriterMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = loggerFactory.CreateLogger<TickWriterWorker>();

    /// <summary>What to consume; the service's own stream and durable unless a test says otherwise.</summary>
    public TickSource Source { get; init; } = TickSource.Default;

    /// <summary>Passed on to each pipeline (see <see cref="TickPipeline.AfterInsert"/>).</summary>
    public Func<IReadOnlyList<TickRow>, CancellationToken, ValueTask>? AfterInsert { get; init; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                state.Stopped(ex.Message);
                TickWriterLog.PipelineFailed(_logger, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
            }
        }

        state.Stopped("stopped");
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await MigrateAsync(cancellationToken);
        await using var nats = await NatsConnection.ConnectAsync(
            new NatsOptions { Servers = natsOptions.Value.Servers, Name = natsOptions.Value.Name, LoggerFactory = loggerFactory, TimeProvider = time },
            cancellationToken);
        var js = new NatsJsContext(nats);
        await js.CreateOrUpdateStreamAsync(Source.Stream, cancellationToken);
        await js.CreateOrUpdateStreamAsync(Streams.DeadLetters, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(Source.Stream.Name, new ConsumerConfig
        {
            DurableName = Source.Durable,
            FilterSubject = Source.Stream.Subjects.Count == 1 ? Source.Stream.Subjects[0] : null,
            AckPolicy = AckPolicy.Explicit,
            AckWait = settings.AckWait,
            MaxDeliver = -1,
            MaxAckPending = settings.MaxAckPending,
            MaxBatch = settings.PullBatch,
        }, cancellationToken);

        var pipeline = new TickPipeline(consumer, Source.DeadLetterSubject, store, settings, state, metrics, time, _logger)
        {
            AfterInsert = AfterInsert,
        };
        state.Consuming(nats);
        TickWriterLog.Consuming(_logger, Source.Stream.Name, Source.Durable, settings.BatchSize, settings.BatchDelayMs, settings.AckWaitSeconds);
        try
        {
            await pipeline.RunAsync(cancellationToken);
        }
        finally
        {
            // The last acks are in the write buffer; send them before the connection closes.
            using var flush = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await nats.FlushAsync(flush.Token);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException)
            {
                TickWriterLog.FlushFailed(_logger, ex);
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var storage = storageOptions.Value;
        var directory = Path.IsPathRooted(storage.MigrationsDirectory)
            ? storage.MigrationsDirectory
            : Path.Combine(AppContext.BaseDirectory, storage.MigrationsDirectory);
        var migrator = new ClickHouseMigrator(clickHouse, storage.Database, loggerFactory.CreateLogger<ClickHouseMigrator>(), time);
        var applied = await migrator.ApplyAsync(directory, cancellationToken);
        TickWriterLog.SchemaCurrent(_logger, storage.Database, applied.Count == 0 ? "none" : string.Join(", ", applied));
    }
}
