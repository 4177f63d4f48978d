using Microsoft.Extensions.Options;
using Sofia.Contracts;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.TickWriter.Options;
using Sofia.TickWriter.Storage;

namespace Sofia.TickWriter.Workers;

/// <summary>
/// Readies the store (ClickHouse: the schema migration), declares the streams, then runs the pipeline on the durable
/// consumer; after any failure it starts over after a growing pause (what was not acknowledged is redelivered).
/// </summary>
internal sealed class TickWriterWorker(
    IOptions<TickWriterOptions> options,
    IMessageBus bus,
    IMarketStore store,
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
        await store.InitializeAsync(cancellationToken);
        TickWriterLog.StoreReady(_logger, store.GetType().Name);
        await bus.EnsureStreamAsync(Source.Stream, cancellationToken);
        await bus.EnsureStreamAsync(Streams.DeadLetters, cancellationToken);
        // The whole stream, unfiltered: a filter costs nats-server a subject match per message (measured: a third
        // fewer rows/s). Acks cover the batch: one ack of its highest sequence settles everything before it.
        var consumer = new BusConsumerSpec(Source.Stream.Name, Source.Durable, null)
        {
            AckWait = settings.AckWait,
            MaxDeliver = -1,
            MaxAckPending = settings.MaxAckPending,
            BatchSize = settings.PullBatch,
            AckAll = true,
        };
        var pipeline = new TickPipeline(bus, consumer, store, settings, state, metrics, time, _logger)
        {
            AfterInsert = AfterInsert,
        };
        state.Consuming(bus);
        TickWriterLog.Consuming(_logger, Source.Stream.Name, Source.Durable, settings.BatchSize, settings.BatchDelayMs, settings.AckWaitSeconds);
        await pipeline.RunAsync(cancellationToken);
    }
}
