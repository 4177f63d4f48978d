using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.Contracts;
using Sofia.Messaging.Internal;
using Sofia.Messaging.NatsBus;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Nats.KeyValue;

namespace Sofia.Messaging;

/// <summary>
/// <see cref="IMessageBus"/> on nats-server JetStream through Sofia.Nats. It connects at first use (or when
/// <see cref="ConnectAsync"/> is called), so a service starts while NATS is down and catches up once it answers;
/// the connection then reconnects by itself and consumers keep yielding across server restarts.
/// </summary>
public sealed partial class NatsMessageBus : IMessageBus
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly NatsOptions? _connectOptions;
    private readonly bool _ownsConnection;
    private readonly TimeSpan _ackTimeout;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private Task<NatsJsContext>? _connecting;
    private volatile NatsJsContext? _js;

    /// <summary>A bus that connects with <paramref name="options"/> at first use and owns its connection.</summary>
    public NatsMessageBus(NatsClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<NatsMessageBus>();
        _ackTimeout = TimeSpan.FromSeconds(options.AckTimeoutSeconds);
        _ownsConnection = true;
        _connectOptions = new NatsOptions
        {
            Servers = options.Servers,
            Name = options.Name,
            ReconnectBufferBytes = options.ReconnectBufferBytes,
            WriteBufferBytes = options.WriteBufferBytes,
            LoggerFactory = loggerFactory,
            TimeProvider = _time,
        };
    }

    /// <summary>A bus over an open connection that the caller keeps owning.</summary>
    public NatsMessageBus(NatsConnection connection, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _time = connection.Options.TimeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<NatsMessageBus>();
        _ackTimeout = connection.Options.RequestTimeout;
        _js = new NatsJsContext(connection);
    }

    /// <inheritdoc />
    public bool IsConnected => _js?.Connection.State == NatsConnectionState.Connected;

    /// <summary>Connects now (at most once; a failed attempt is made again by the next call).</summary>
    /// <exception cref="NatsConnectionException">No server answered.</exception>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken) => await JetStreamAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask EnsureStreamAsync(StreamDefinition stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var js = await JetStreamAsync(cancellationToken);
        await js.CreateOrUpdateStreamAsync(stream, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<BusPublishAck> PublishAsync(BusEnvelope message, CancellationToken cancellationToken)
    {
        var js = await JetStreamAsync(cancellationToken);
        var options = new NatsJsPublishOptions { MsgId = message.MessageId, Timeout = _ackTimeout };
        try
        {
            var ack = await js.PublishAsync(message.Subject, message.Data, options, NatsBusHeaders.From(message), cancellationToken);
            return new BusPublishAck(ack.Stream, ack.Sequence, ack.Duplicate);
        }
        catch (NatsNoRespondersException ex)
        {
            throw new BusNoStreamException(message.Subject, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IBusPublisher> CreatePublisherAsync(int maxPendingAcks, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingAcks);
        var js = await JetStreamAsync(cancellationToken);
        return await NatsBusPublisher.CreateAsync(js, maxPendingAcks, _ackTimeout, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<BusConsumerState> GetConsumerStateAsync(string stream, string durable, CancellationToken cancellationToken)
    {
        var js = await JetStreamAsync(cancellationToken);
        var info = await js.GetConsumerInfoAsync(stream, durable, cancellationToken);
        return new BusConsumerState(info.NumPending, info.NumAckPending, info.NumRedelivered);
    }

    /// <inheritdoc />
    public async ValueTask<IBusKeyValue> KeyValueAsync(string bucket, CancellationToken cancellationToken)
    {
        var js = await JetStreamAsync(cancellationToken);
        var store = await js.CreateOrUpdateKeyValueAsync(new NatsKvConfig(bucket), cancellationToken);
        return new NatsBusKeyValue(store);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync();
        if (_ownsConnection && _js is { } js)
        {
            await js.Connection.DisposeAsync();
        }

        _disposed.Dispose();
    }

    private ValueTask<NatsJsContext> JetStreamAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return _js is { } js ? new(js) : new(ConnectOnceAsync(cancellationToken));
    }

    private Task<NatsJsContext> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        Task<NatsJsContext> connecting;
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectCoreAsync(_connectOptions!, _disposed.Token);
            }

            connecting = _connecting;
        }

        return connecting.WaitAsync(cancellationToken);
    }

    private async Task<NatsJsContext> ConnectCoreAsync(NatsOptions options, CancellationToken cancellationToken)
    {
        var connection = await NatsConnection.ConnectAsync(options, cancellationToken);
        var js = new NatsJsContext(connection, new NatsJsOptions { RequestTimeout = _ackTimeout });
        _js = js;
        MessagingLog.Connected(_logger, connection.ServerInfo?.ServerName ?? "nats");
        return js;
    }

    private static TimeSpan NextDelay(TimeSpan delay) =>
        delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
}
