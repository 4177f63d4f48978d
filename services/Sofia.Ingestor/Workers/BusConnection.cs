using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Sofia.Contracts;
using Sofia.Ingestor.Options;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// The NATS connection and JetStream context, opened with exponential backoff until the server answers, and the
/// streams the ingestor writes to (TICKS, FEED, ALERTS), created idempotently.
/// </summary>
internal sealed class BusConnection(IOptions<NatsClientOptions> options, TimeProvider clock, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private static readonly StreamDefinition[] OwnStreams = [Streams.Ticks, Streams.Feed, Streams.Alerts];
    private static readonly string[] StreamNames = [.. OwnStreams.Select(s => s.Name)];
    private readonly ILogger _logger = loggerFactory.CreateLogger<BusConnection>();
    private NatsConnection? _connection;

    /// <summary>Whether the connection is up now.</summary>
    public bool IsConnected => _connection?.State == NatsConnectionState.Connected;

    /// <summary>The connection state for health reports.</summary>
    public string StateName => _connection?.State.ToString() ?? "NotConnected";

    public NatsJsContext? JetStream { get; private set; }

    /// <summary>Connects (retrying forever) and declares the streams.</summary>
    public async Task<NatsJsContext> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var servers = string.Join(",", settings.Servers);
        var retry = new ResiliencePipelineBuilder { TimeProvider = clock }
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
                    IngestorLog.NatsUnavailable(_logger, servers, args.Outcome.Exception?.Message ?? "unknown", (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();

        return await retry.ExecuteAsync(
            async token =>
            {
                _connection ??= await NatsConnection.ConnectAsync(
                    new NatsOptions
                    {
                        Servers = settings.Servers,
                        Name = settings.Name,
                        ReconnectBufferBytes = settings.ReconnectBufferBytes,
                        WriteBufferBytes = 4 * 1024 * 1024,
                        LoggerFactory = loggerFactory,
                        TimeProvider = clock,
                    },
                    token);
                var js = new NatsJsContext(_connection);
                foreach (var stream in OwnStreams)
                {
                    await js.CreateOrUpdateStreamAsync(stream, token);
                }

                IngestorLog.StreamsReady(_logger, StreamNames);
                JetStream = js;
                return js;
            },
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
