using Polly;
using Polly.Retry;
using Sofia.Contracts;
using Sofia.Messaging;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// The ingestor's view of the <see cref="IMessageBus"/> (nats-server in production, the in-process bus in the demo):
/// its streams (TICKS, FEED, ALERTS) declared idempotently with exponential backoff until the bus answers, the
/// windowed publisher, and the connection state for readiness.
/// </summary>
internal sealed class BusConnection(IMessageBus bus, TimeProvider clock, ILogger<BusConnection> logger)
{
    private static readonly StreamDefinition[] OwnStreams = [Streams.Ticks, Streams.Feed, Streams.Alerts];
    private static readonly string[] StreamNames = [.. OwnStreams.Select(s => s.Name)];

    /// <summary>Whether publishes and acks can reach the bus now.</summary>
    public bool IsConnected => bus.IsConnected;

    /// <summary>The connection state for health reports.</summary>
    public string StateName => bus.IsConnected ? "Connected" : "Disconnected";

    /// <summary>Declares the streams, retrying until the bus answers.</summary>
    public async Task EnsureStreamsAsync(CancellationToken cancellationToken) =>
        await RetryForever().ExecuteAsync(
            async token =>
            {
                foreach (var stream in OwnStreams)
                {
                    await bus.EnsureStreamAsync(stream, token);
                }

                IngestorLog.StreamsReady(logger, StreamNames);
            },
            cancellationToken);

    /// <summary>Declares the streams and opens a publisher with up to <paramref name="window"/> acks outstanding, retrying until the bus answers.</summary>
    public async Task<IBusPublisher> OpenPublisherAsync(int window, CancellationToken cancellationToken)
    {
        await EnsureStreamsAsync(cancellationToken);
        return await RetryForever().ExecuteAsync(async token => await bus.CreatePublisherAsync(window, token), cancellationToken);
    }

    private ResiliencePipeline RetryForever() =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(10),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    IngestorLog.BusUnavailable(logger, args.Outcome.Exception?.Message ?? "unknown", (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
}
