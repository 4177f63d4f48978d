using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.Nats.Internal;

namespace Sofia.Nats;

/// <summary>
/// A connection to a NATS server (or cluster): publish, subscribe, request/reply. It reconnects
/// by itself after a loss, restoring subscriptions and sending publishes buffered meanwhile.
/// Thread-safe; one per process is usually enough.
/// </summary>
public sealed partial class NatsConnection : IAsyncDisposable
{
    private readonly NatsOptions _options;
    private readonly ILogger _logger;
    private readonly ServerPool _pool;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ProtocolParser _parser = new();
    private readonly ConcurrentDictionary<long, SubscriptionBase> _subscriptions = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _pongWaiters = new();
    private readonly Channel<bool> _writeSignal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private CommandBuffer _active = new();
    private CommandBuffer _spare = new();
    private TaskCompletionSource? _drainWaiter;
    private volatile NatsConnectionState _state = NatsConnectionState.Connecting;
    private volatile Transport? _transport;
    private Task? _runTask;
    private int _pingsOutstanding;
    private long _nextSid;
    private int _disposed;

    private NatsConnection(NatsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ReconnectBufferBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPingsOutstanding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SubscriptionCapacity);
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger<NatsConnection>() ?? NullLogger<NatsConnection>.Instance;
        _pool = new ServerPool(options.Servers, !options.NoRandomize);
        _inboxPrefix = $"{options.InboxPrefix}.{Guid.NewGuid():N}.";
        _inboxPrefixBytes = System.Text.Encoding.UTF8.GetBytes(_inboxPrefix);
    }

    /// <summary>Raised on connect, disconnect, reconnect and close; handlers run on the connection's own loop and must be quick.</summary>
    public event EventHandler<NatsConnectionEventArgs>? ConnectionChanged;

    /// <summary>The current state.</summary>
    public NatsConnectionState State => _state;

    /// <summary>What the current (or last) server announced.</summary>
    public NatsServerInfo? ServerInfo => _transport?.Info;

    /// <summary>The options the connection was made with.</summary>
    public NatsOptions Options => _options;

    internal ILogger Logger => _logger;

    /// <summary>The servers reconnects rotate through, as host:port: the configured ones and those the cluster announced.</summary>
    internal IReadOnlyList<string> KnownServers => _pool.Snapshot();

    /// <summary>Connects to the first reachable server of <see cref="NatsOptions.Servers"/>.</summary>
    /// <exception cref="NatsConnectionException">No server could be reached.</exception>
    /// <exception cref="NatsServerErrorException">The server refused the connection (e.g. authorization).</exception>
    public static async Task<NatsConnection> ConnectAsync(NatsOptions options, CancellationToken cancellationToken = default)
    {
        var connection = new NatsConnection(options);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>Creates a unique subject for replies.</summary>
    public string NewInbox() => $"{_options.InboxPrefix}.{Guid.NewGuid():N}";

    /// <summary>Waits until the server has processed everything sent so far (a PING/PONG round trip).</summary>
    /// <exception cref="NatsConnectionException">Not connected, or the connection was lost meanwhile.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ThrowIfClosed();
            if (_state != NatsConnectionState.Connected)
            {
                throw new NatsConnectionException("Not connected.");
            }

            _pongWaiters.Enqueue(pong);
            ProtocolWriter.WritePing(_active);
        }

        SignalWriter();
        await pong.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Flushes what was published, then closes the connection and ends every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_state == NatsConnectionState.Connected)
        {
            try
            {
                await FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), _options.TimeProvider);
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException)
            {
                // Best effort: what is unsent is reported by the close log.
            }
        }

        await _lifetime.CancelAsync();
        if (_runTask is not null)
        {
            await _runTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_transport is { } transport)
        {
            await transport.DisposeAsync();
        }

        Close(null);
        _lifetime.Dispose();
    }

    internal void LogSlowConsumer(string subject) => Log.SlowConsumer(_logger, subject);

    private void ThrowIfClosed()
    {
        if (_state == NatsConnectionState.Closed)
        {
            throw new NatsConnectionException("The connection is closed.");
        }
    }

    private void Raise(NatsConnectionEvent connectionEvent, string? server, Exception? error)
    {
        try
        {
            ConnectionChanged?.Invoke(this, new NatsConnectionEventArgs(connectionEvent, server, error));
        }
        catch (Exception ex)
        {
            Log.EventHandlerFailed(_logger, ex);
        }
    }

    private void FailPending(Exception error)
    {
        while (_pongWaiters.TryDequeue(out var waiter))
        {
            waiter.TrySetException(error);
        }

        FailRequests(error);
    }

    private void Close(Exception? error)
    {
        long pending;
        TaskCompletionSource? drain;
        lock (_gate)
        {
            if (_state == NatsConnectionState.Closed)
            {
                return;
            }

            _state = NatsConnectionState.Closed;
            pending = _active.Length;
            NatsMetrics.PendingBytes.Add(-(_active.Length + _spare.Length));
            _active.Dispose();
            _spare.Dispose();
            drain = _drainWaiter;
            _drainWaiter = null;
        }

        drain?.TrySetResult();
        FailPending(new NatsConnectionException("The connection is closed.", error));
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.OnClosed(null);
        }

        _subscriptions.Clear();
        Log.Closed(_logger, pending, error);
        Raise(NatsConnectionEvent.Closed, _transport?.Server.ToString(), error);
    }
}
