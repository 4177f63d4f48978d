using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Sofia.Exchanges;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// One WebSocket connection of a <see cref="ConnectionPlan"/>: connect, send the subscribe frames spaced by the
/// plan's rate limit, read and classify frames, keep the connection alive per the adapter's
/// <see cref="KeepAlive"/>, and end it when it goes quiet (stale) or dead. It asks for a replacement when the
/// exchange announces a shutdown or the connection nears its maximum age.
/// </summary>
internal sealed class FeedSession : IAsyncDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly ConnectionPlan _plan;
    private readonly TradeSink _sink;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _staleAfter;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _renew = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _openedAt;
    private ParsedTrade[] _trades = new ParsedTrade[ExchangeAdapter.RecommendedTradeBufferSize];
    private Task<SessionEnd>? _completion;
    private long _lastFrameAt;
    private long _lastTradeAt;
    private long _lastSentAt;
    private bool _receivedTrades;
    private volatile string? _endReason;
    private volatile bool _stale;
    private int _disposed;

    private FeedSession(ConnectionPlan plan, TradeSink sink, TimeProvider clock, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        _plan = plan;
        _sink = sink;
        _clock = clock;
        _staleAfter = staleAfter;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _openedAt = _lastFrameAt = _lastTradeAt = _lastSentAt = clock.GetTimestamp();
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
    }

    /// <summary>Completes when the connection has ended; never faults.</summary>
    public Task<SessionEnd> Completion => _completion ?? Task.FromResult(new SessionEnd("not started", false, false));

    /// <summary>Completes (with the reason) when this connection should be replaced while it still works.</summary>
    public Task<string> RenewRequested => _renew.Task;

    /// <summary>Connects, subscribes and waits for the first acknowledgement or trade.</summary>
    /// <exception cref="WebSocketException">The connection failed.</exception>
    /// <exception cref="FeedException">The exchange refused the subscription or did not answer it.</exception>
    public static async Task<FeedSession> OpenAsync(
        ConnectionPlan plan, TradeSink sink, TimeProvider clock, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var session = new FeedSession(plan, sink, clock, staleAfter, cancellationToken);
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(ConnectTimeout);
                await session._socket.ConnectAsync(plan.Endpoint, connectTimeout.Token);
            }

            session._completion = session.RunAsync();
            for (var i = 0; i < plan.SubscribeMessages.Count; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(plan.MinMessageInterval, clock, cancellationToken);
                }

                await session.SendAsync(plan.SubscribeMessages[i], cancellationToken);
            }

            var first = await Task.WhenAny(session._subscribed.Task, session.Completion, Task.Delay(SubscribeTimeout, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (first == session._subscribed.Task)
            {
                await session._subscribed.Task;
                return session;
            }

            throw new FeedException(first == session.Completion ? $"closed while subscribing: {session.Completion.Result.Reason}" : "no answer to the subscription");
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the connection politely (used after its replacement is subscribed).</summary>
    public async Task CloseAsync()
    {
        _endReason ??= "replaced by a new connection";
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "replaced", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone: nothing to close.
        }

        await _stop.CancelAsync();
        await Completion;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _endReason ??= "stopped";
        await _stop.CancelAsync();
        await Completion;
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task<SessionEnd> RunAsync()
    {
        var token = _stop.Token;
        var watchdog = WatchAsync(token);
        var reason = await ReadAsync(token);
        await _stop.CancelAsync();
        await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return new SessionEnd(_endReason ?? reason, _stale, _receivedTrades);
    }

    private async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var received = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return $"closed by the exchange ({_socket.CloseStatus} {_socket.CloseStatusDescription})";
                }

                length += received.Count;
                if (!received.EndOfMessage)
                {
                    continue;
                }

                await HandleFrameAsync(buffer, length, cancellationToken);
                length = 0;
            }
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return ex.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask HandleFrameAsync(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var receivedAt = _clock.GetTimestamp();
        var now = _clock.GetUtcNow();
        Volatile.Write(ref _lastFrameAt, receivedAt);
        _sink.Status.FrameReceived(now);
        var frame = buffer.AsSpan(0, length);
        var result = _sink.Adapter.Parse(frame, FeedEvents.ToEpochMicroseconds(now), _trades);
        if (result.Kind == FrameKind.BufferTooSmall)
        {
            _trades = new ParsedTrade[result.TradeCount];
            result = _sink.Adapter.Parse(frame, FeedEvents.ToEpochMicroseconds(now), _trades);
        }

        switch (result.Kind)
        {
            case FrameKind.Trades:
                Volatile.Write(ref _lastTradeAt, receivedAt);
                _receivedTrades = true;
                _subscribed.TrySetResult();
                await _sink.AcceptLiveAsync(_trades, result.TradeCount, receivedAt, cancellationToken);
                break;
            case FrameKind.SubscribeAck or FrameKind.Heartbeat:
                _subscribed.TrySetResult();
                break;
            case FrameKind.SubscribeError:
                _sink.FrameProblem(result, frame);
                IngestorLog.SubscribeError(_sink.Logger, _sink.Exchange, _sink.Status.Connection, result.Code, result.Message);
                _subscribed.TrySetException(new FeedException($"subscription refused ({result.Code}): {result.Message}"));
                break;
            case FrameKind.ServerShutdown:
                _renew.TrySetResult("the exchange announced a shutdown");
                break;
            case FrameKind.Malformed or FrameKind.Unknown:
                _sink.FrameProblem(result, frame);
                break;
            default:
                break;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var keepAlive = _sink.Adapter.KeepAlive;
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(_staleAfter.TotalMilliseconds, keepAlive.Interval.TotalMilliseconds) / 4, 20, 250));
        using var timer = new PeriodicTimer(tick, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = _clock.GetTimestamp();
            var sinceFrame = _clock.GetElapsedTime(Volatile.Read(ref _lastFrameAt), now);
            var sinceTrade = _clock.GetElapsedTime(Volatile.Read(ref _lastTradeAt), now);
            var sinceSend = _clock.GetElapsedTime(Volatile.Read(ref _lastSentAt), now);
            if (sinceFrame >= keepAlive.Timeout && sinceFrame >= _staleAfter)
            {
                End($"no frame for {sinceFrame.TotalSeconds:0.#} s", stale: true);
                return;
            }

            if (sinceTrade >= _staleAfter)
            {
                End($"no trade for {sinceTrade.TotalSeconds:0.#} s", stale: true);
                return;
            }

            if (keepAlive.Message is { } ping
                && ((keepAlive.Mode == KeepAliveMode.SendPeriodically && sinceSend >= keepAlive.Interval)
                    || (keepAlive.Mode == KeepAliveMode.SendWhenIdle && sinceFrame >= keepAlive.Interval && sinceSend >= keepAlive.Interval)))
            {
                try
                {
                    await SendAsync(ping, cancellationToken);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
                {
                    End($"keepalive failed: {ex.Message}", stale: false);
                    return;
                }
            }

            if (_plan.MaxLifetime is { } lifetime && _clock.GetElapsedTime(_openedAt, now) >= lifetime)
            {
                _renew.TrySetResult($"the connection is {lifetime.TotalHours:0.#} h old");
            }
        }
    }

    private void End(string reason, bool stale)
    {
        _endReason ??= reason;
        _stale = stale;
        _stop.Cancel();
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Volatile.Write(ref _lastSentAt, _clock.GetTimestamp());
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
