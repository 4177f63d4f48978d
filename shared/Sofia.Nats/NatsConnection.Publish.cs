using Sofia.Nats.Internal;

namespace Sofia.Nats;

public sealed partial class NatsConnection
{
    /// <summary>
    /// Publishes a message. It returns once the message is buffered for the socket (or, while
    /// reconnecting, for the reconnect); it waits only when the write buffer is full.
    /// </summary>
    /// <exception cref="ArgumentException">The subject or reply subject is invalid.</exception>
    /// <exception cref="NatsReconnectBufferFullException">Disconnected and the reconnect buffer is full.</exception>
    /// <exception cref="NatsConnectionException">The connection is closed.</exception>
    public ValueTask PublishAsync(
        string subject,
        ReadOnlyMemory<byte> data = default,
        NatsHeaders? headers = null,
        string? replyTo = null,
        CancellationToken cancellationToken = default)
    {
        NatsSubject.EnsurePublishSubject(subject);
        if (replyTo is not null)
        {
            NatsSubject.EnsurePublishSubject(replyTo, nameof(replyTo));
        }

        EnsurePayloadFits(data.Length);
        Task? wait;
        lock (_gate)
        {
            wait = ReserveLocked(data.Length + subject.Length + (replyTo?.Length ?? 0) + 64);
            if (wait is null)
            {
                var before = _active.Length;
                ProtocolWriter.WritePublish(_active, subject, replyTo, headers, data.Span);
                NatsMetrics.PendingBytes.Add(_active.Length - before);
            }
        }

        if (wait is not null)
        {
            return PublishAfterDrainAsync(wait, subject, data, headers, replyTo, cancellationToken);
        }

        NatsMetrics.MessagesOut.Add(1);
        SignalWriter();
        return default;
    }

    /// <summary>
    /// Writes a publish whose reply subject is a prefix plus a number, with pre-serialized headers.
    /// Returns a task to await (then call again) when the write buffer is full; null when written.
    /// </summary>
    internal Task? TryPublishRaw(
        ReadOnlySpan<byte> subject,
        ReadOnlySpan<byte> replyPrefix,
        long replyToken,
        ReadOnlySpan<byte> rawHeaders,
        ReadOnlySpan<byte> payload)
    {
        EnsurePayloadFits(payload.Length + rawHeaders.Length);
        lock (_gate)
        {
            var wait = ReserveLocked(payload.Length + rawHeaders.Length + subject.Length + replyPrefix.Length + 64);
            if (wait is not null)
            {
                return wait;
            }

            var before = _active.Length;
            ProtocolWriter.WritePublish(_active, subject, replyPrefix, replyToken, rawHeaders, payload);
            NatsMetrics.PendingBytes.Add(_active.Length - before);
        }

        NatsMetrics.MessagesOut.Add(1);
        SignalWriter();
        return null;
    }

    /// <summary>Publishes to a subject the server gave us (a reply subject), without headers.</summary>
    internal ValueTask PublishRawAsync(ReadOnlyMemory<byte> subject, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var wait = TryPublishRaw(subject.Span, default, -1, default, data.Span);
        return wait is null ? default : PublishRawAfterDrainAsync(wait, subject, data, cancellationToken);
    }

    private async ValueTask PublishRawAfterDrainAsync(Task wait, ReadOnlyMemory<byte> subject, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await wait.WaitAsync(cancellationToken);
        await PublishRawAsync(subject, data, cancellationToken);
    }

    private async ValueTask PublishAfterDrainAsync(
        Task wait,
        string subject,
        ReadOnlyMemory<byte> data,
        NatsHeaders? headers,
        string? replyTo,
        CancellationToken cancellationToken)
    {
        await wait.WaitAsync(cancellationToken);
        await PublishAsync(subject, data, headers, replyTo, cancellationToken);
    }

    /// <summary>Null when the caller may write now; a task to await when the write buffer is full.</summary>
    private Task? ReserveLocked(int size)
    {
        switch (_state)
        {
            case NatsConnectionState.Closed:
                throw new NatsConnectionException("The connection is closed.");
            case NatsConnectionState.Connected:
                if (_active.Length < _options.WriteBufferBytes)
                {
                    return null;
                }

                _drainWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _drainWaiter.Task;
            default:
                if (_active.Length + size > _options.ReconnectBufferBytes)
                {
                    throw new NatsReconnectBufferFullException(_active.Length, _options.ReconnectBufferBytes);
                }

                return null;
        }
    }

    private void EnsurePayloadFits(int length)
    {
        var max = _transport?.Info.MaxPayload ?? 0;
        if (max > 0 && length > max)
        {
            throw new ArgumentException($"The message ({length} bytes) exceeds the server's max_payload of {max} bytes.", nameof(length));
        }
    }
}
