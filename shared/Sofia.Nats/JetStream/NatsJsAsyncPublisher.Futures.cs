using System.Threading.Tasks.Sources;

namespace Sofia.Nats.JetStream;

public sealed partial class NatsJsAsyncPublisher
{
    private readonly Stack<AckWaiter> _waiters = new();

    /// <summary>
    /// Sends a message like <see cref="PublishAsync"/> and returns, once it is written, a future that
    /// completes when this message's ack arrives: per-message latency without flushing the window.
    /// The future's completion is pooled (no allocation per message once warm). A failure is reported
    /// by the future and not again by <see cref="FlushAsync"/>; it still counts in <see cref="Failed"/>.
    /// </summary>
    /// <exception cref="NatsReconnectBufferFullException">Disconnected and the reconnect buffer is full (not sent).</exception>
    public ValueTask<NatsJsPublishFuture> PublishWithAckAsync(string subject, ReadOnlyMemory<byte> data, string? msgId = null, CancellationToken cancellationToken = default) =>
        PublishWithAckAsync(subject, data, msgId, null, cancellationToken);

    /// <summary>
    /// Like <see cref="PublishWithAckAsync(string, ReadOnlyMemory{byte}, string?, CancellationToken)"/>, with
    /// <paramref name="headers"/> sent beside the msg id (and again with any re-send). Share one
    /// <see cref="NatsJsAsyncPublisherHeaders"/> between messages that carry the same headers: the hot path then
    /// allocates nothing for them.
    /// </summary>
    /// <exception cref="NatsReconnectBufferFullException">Disconnected and the reconnect buffer is full (not sent).</exception>
    public ValueTask<NatsJsPublishFuture> PublishWithAckAsync(
        string subject,
        ReadOnlyMemory<byte> data,
        string? msgId,
        NatsJsAsyncPublisherHeaders? headers,
        CancellationToken cancellationToken = default)
    {
        Validate(subject, msgId);
        var waiter = RentWaiter();
        try
        {
            var room = _window.WaitAsync(cancellationToken);
            Task? pending = null;
            if (room.IsCompletedSuccessfully)
            {
                pending = Send(subject, data, msgId, headers, waiter);
                if (pending is null)
                {
                    return new ValueTask<NatsJsPublishFuture>(waiter.Future);
                }
            }

            return PublishWithAckSlowAsync(room, pending, new Outgoing(subject, data, msgId, headers), waiter, cancellationToken);
        }
        catch
        {
            ReturnWaiter(waiter);
            throw;
        }
    }

    private async ValueTask<NatsJsPublishFuture> PublishWithAckSlowAsync(
        Task room,
        Task? pending,
        Outgoing message,
        AckWaiter waiter,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (pending is not null)
                {
                    // The connection's write buffer was full: the slot was given back, and room is taken again.
                    await pending.WaitAsync(cancellationToken);
                    room = _window.WaitAsync(cancellationToken);
                }

                await room;
                pending = Send(message.Subject, message.Data, message.MsgId, message.Headers, waiter);
                if (pending is null)
                {
                    return waiter.Future;
                }
            }
        }
        catch
        {
            ReturnWaiter(waiter);
            throw;
        }
    }

    private AckWaiter RentWaiter()
    {
        lock (_waiters)
        {
            if (_waiters.TryPop(out var waiter))
            {
                return waiter;
            }
        }

        return new AckWaiter(this);
    }

    private void ReturnWaiter(AckWaiter waiter)
    {
        lock (_waiters)
        {
            if (_waiters.Count < _slots.Length)
            {
                _waiters.Push(waiter);
            }
        }
    }

    /// <summary>Fails the futures still waiting: no ack will reach a disposed publisher.</summary>
    private void FailWaiters()
    {
        for (var index = 0; index < _slots.Length; index++)
        {
            var slot = _slots[index];
            AckWaiter? waiter;
            lock (_gate)
            {
                waiter = slot.InUse ? slot.Waiter : null;
            }

            if (waiter is not null && Release(slot, index))
            {
                waiter.SetException(new ObjectDisposedException(nameof(NatsJsAsyncPublisher)));
            }
        }
    }

    /// <summary>A pooled completion for one message's ack; it goes back to the pool when its result is read.</summary>
    private sealed class AckWaiter(NatsJsAsyncPublisher owner) : IValueTaskSource<NatsJsPublishAck>
    {
        // Acks complete on the connection's read loop, which must not run the caller's continuation.
        private ManualResetValueTaskSourceCore<NatsJsPublishAck> _core = new() { RunContinuationsAsynchronously = true };

        public NatsJsPublishFuture Future => new(this, _core.Version);

        public void SetResult(NatsJsPublishAck ack) => _core.SetResult(ack);

        public void SetException(Exception error) => _core.SetException(error);

        public NatsJsPublishAck GetResult(short token)
        {
            if (token != _core.Version)
            {
                // A second await of the same future: fails without recycling the completion again.
                return _core.GetResult(token);
            }

            try
            {
                return _core.GetResult(token);
            }
            finally
            {
                _core.Reset();
                owner.ReturnWaiter(this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }

    /// <summary>What a publish that waits for room sends once there is room.</summary>
    private readonly record struct Outgoing(string Subject, ReadOnlyMemory<byte> Data, string? MsgId, NatsJsAsyncPublisherHeaders? Headers);
}
