using System.Text;
using System.Text.Json;
using Sofia.Nats.Internal;

namespace Sofia.Nats;

public sealed partial class NatsConnection
{
    private async Task ReadLoopAsync(Transport transport, CancellationToken cancellationToken)
    {
        var reader = transport.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var before = buffer.Length;
            while (_parser.TryRead(ref buffer, out var op))
            {
                var pending = Dispatch(op, transport, cancellationToken);
                if (!pending.IsCompletedSuccessfully)
                {
                    await pending;
                }
            }

            NatsMetrics.BytesIn.Add(before - buffer.Length);
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                throw new NatsConnectionException("The server closed the connection.");
            }
        }
    }

    private ValueTask Dispatch(in ServerOp op, Transport transport, CancellationToken cancellationToken)
    {
        switch (op.Kind)
        {
            case ServerOpKind.Msg:
            case ServerOpKind.HMsg:
                NatsMetrics.MessagesIn.Add(1);
                return _subscriptions.TryGetValue(op.Sid, out var subscription)
                    ? subscription.OnMessageAsync(op, cancellationToken)
                    : default;
            case ServerOpKind.Ping:
                lock (_gate)
                {
                    if (_state == NatsConnectionState.Connected)
                    {
                        ProtocolWriter.WritePong(_active);
                    }
                }

                SignalWriter();
                return default;
            case ServerOpKind.Pong:
                Volatile.Write(ref _pingsOutstanding, 0);
                if (_pongWaiters.TryDequeue(out var waiter))
                {
                    waiter.TrySetResult();
                }

                return default;
            case ServerOpKind.Err:
                HandleServerError(Encoding.UTF8.GetString(op.Text.Span));
                return default;
            case ServerOpKind.Info:
                HandleInfo(op.Text.Span, transport);
                return default;
            default:
                return default;
        }
    }

    private async Task PingLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PingInterval, _options.TimeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (Interlocked.Increment(ref _pingsOutstanding) > _options.MaxPingsOutstanding)
            {
                throw new NatsConnectionException(
                    $"Stale connection: {_options.MaxPingsOutstanding} keep-alive PINGs got no PONG.");
            }

            var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_state != NatsConnectionState.Connected)
                {
                    continue;
                }

                _pongWaiters.Enqueue(pong);
                ProtocolWriter.WritePing(_active);
            }

            SignalWriter();
        }
    }

    private void HandleServerError(string error)
    {
        Log.ServerError(_logger, error);
        const string subscriptionDenied = "Permissions Violation for Subscription to ";
        if (error.StartsWith(subscriptionDenied, StringComparison.OrdinalIgnoreCase))
        {
            var subject = error[subscriptionDenied.Length..].Split(' ', 2)[0].Trim('"');
            foreach (var subscription in _subscriptions.Values)
            {
                if (subscription.Subject == subject && _subscriptions.TryRemove(subscription.Sid, out _))
                {
                    subscription.OnClosed(new NatsServerErrorException(error, closesConnection: false));
                }
            }

            return;
        }

        if (error.StartsWith("Permissions Violation", StringComparison.OrdinalIgnoreCase)
            || error.StartsWith("Invalid Subject", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Every other -ERR is followed by the server closing the connection.
        throw new NatsServerErrorException(error, closesConnection: true);
    }

    private void HandleInfo(ReadOnlySpan<byte> json, Transport transport)
    {
        NatsServerInfo info;
        try
        {
            info = ParseInfo(json);
        }
        catch (JsonException)
        {
            return;
        }

        transport.Info = info;
        LearnServers(info);

        if (info.LameDuckMode)
        {
            Log.LameDuckMode(_logger, transport.Server);
        }
    }

    /// <summary>Adds the cluster's other servers to the pool; every INFO lists them, the first one included.</summary>
    private void LearnServers(NatsServerInfo info)
    {
        if (info.ConnectUrls is { Count: > 0 } urls)
        {
            _pool.AddDiscovered(urls);
        }
    }
}
