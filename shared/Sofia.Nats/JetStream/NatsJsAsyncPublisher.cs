using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>
/// Publishes to JetStream without waiting for each ack: acks are matched on one wildcard reply
/// subscription, at most <see cref="NatsJsAsyncPublisherOptions.MaxPending"/> are outstanding, and a
/// message with a msg id whose ack times out is re-sent (the id makes that safe).
/// <see cref="FlushAsync"/> waits for every ack and reports the failures.
/// </summary>
public sealed partial class NatsJsAsyncPublisher : IAsyncDisposable
{
    private readonly NatsJsContext _js;
    private readonly NatsJsAsyncPublisherOptions _options;
    private readonly SemaphoreSlim _window;
    private readonly Slot[] _slots;
    private readonly Stack<int> _free;
    private readonly Lock _gate = new();
    private readonly byte[] _replyPrefix;
    private readonly AckSubscription _subscription;
    private readonly ConcurrentQueue<NatsJsPublishFailure> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _timeouts;
    private TaskCompletionSource? _idle;
    private int _outstanding;
    private long _acked;
    private long _duplicates;
    private long _failed;

    internal NatsJsAsyncPublisher(NatsJsContext js, NatsJsAsyncPublisherOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPending);
        _js = js;
        _options = options;
        _window = new SemaphoreSlim(options.MaxPending, options.MaxPending);
        _slots = new Slot[options.MaxPending];
        _free = new Stack<int>(options.MaxPending);
        for (var i = options.MaxPending - 1; i >= 0; i--)
        {
            _slots[i] = new Slot();
            _free.Push(i);
        }

        var prefix = $"{js.Connection.Options.InboxPrefix}.{Guid.NewGuid():N}.";
        _replyPrefix = Encoding.UTF8.GetBytes(prefix);
        _subscription = new AckSubscription(this, prefix + "*");
    }

    /// <summary>Messages acknowledged (duplicates included).</summary>
    public long Acknowledged => Interlocked.Read(ref _acked);

    /// <summary>Acks that reported a duplicate msg id (the message was stored before).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages that failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Acks outstanding now.</summary>
    public int Pending => Volatile.Read(ref _outstanding);

    /// <summary>
    /// Sends a message; returns once it is written to the connection (waiting only while
    /// <see cref="NatsJsAsyncPublisherOptions.MaxPending"/> acks are outstanding).
    /// </summary>
    /// <exception cref="NatsReconnectBufferFullException">Disconnected and the reconnect buffer is full (not sent).</exception>
    public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> data, string? msgId = null, CancellationToken cancellationToken = default)
    {
        Validate(subject, msgId);
        var room = _window.WaitAsync(cancellationToken);
        if (!room.IsCompletedSuccessfully)
        {
            return PublishAfterRoomAsync(room, subject, data, msgId, cancellationToken);
        }

        var pending = Send(subject, data, msgId, null, null);
        return pending is null ? default : AwaitWriteAsync(pending, subject, data, msgId, cancellationToken);
    }

    /// <summary>Waits until every outstanding ack has arrived or failed.</summary>
    /// <exception cref="NatsJsPublishException">Messages failed since the last flush; they are listed.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task? idle = null;
        lock (_gate)
        {
            if (_outstanding > 0)
            {
                _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                idle = _idle.Task;
            }
        }

        if (idle is not null)
        {
            await idle.WaitAsync(cancellationToken);
        }

        var failures = new List<NatsJsPublishFailure>();
        while (_failures.TryDequeue(out var failure))
        {
            failures.Add(failure);
        }

        if (failures.Count > 0)
        {
            throw new NatsJsPublishException(failures);
        }
    }

    /// <summary>Stops waiting for acks and unsubscribes; call <see cref="FlushAsync"/> first to know every outcome.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_timeouts is not null)
        {
            await _timeouts.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        FailWaiters();

        try
        {
            await _js.Connection.UnsubscribeAsync(_subscription, CancellationToken.None);
        }
        catch (NatsException)
        {
            // Closed connection: nothing to unsubscribe from.
        }

        _stop.Dispose();
        _window.Dispose();
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await _js.Connection.RegisterAsync(_subscription, cancellationToken);
        _timeouts = WatchTimeoutsAsync(_stop.Token);
    }

    private static void Validate(string subject, string? msgId)
    {
        NatsSubject.EnsurePublishSubject(subject);
        if (msgId is not null && (msgId.Length == 0 || msgId.AsSpan().ContainsAny('\r', '\n')))
        {
            throw new ArgumentException("A msg id must be non-empty and on one line.", nameof(msgId));
        }
    }

    private async ValueTask PublishAfterRoomAsync(Task room, string subject, ReadOnlyMemory<byte> data, string? msgId, CancellationToken cancellationToken)
    {
        await room;
        var pending = Send(subject, data, msgId, null, null);
        if (pending is not null)
        {
            await AwaitWriteAsync(pending, subject, data, msgId, cancellationToken);
        }
    }

    private async ValueTask AwaitWriteAsync(Task pending, string subject, ReadOnlyMemory<byte> data, string? msgId, CancellationToken cancellationToken)
    {
        // The connection's write buffer was full: the slot was given back, and room is taken again.
        await pending.WaitAsync(cancellationToken);
        await PublishAsync(subject, data, msgId, cancellationToken);
    }

    /// <summary>Takes a slot and writes the message; returns a task when the connection asks to wait (slot and room released).</summary>
    private Task? Send(string subject, ReadOnlyMemory<byte> data, string? msgId, NatsJsAsyncPublisherHeaders? headers, AckWaiter? waiter)
    {
        int index;
        long token;
        Slot slot;
        lock (_gate)
        {
            index = _free.Pop();
            slot = _slots[index];
            slot.Generation++;
            token = (slot.Generation * _slots.Length) + index;
            slot.Token = token;
            slot.InUse = true;
            slot.Subject = subject;
            slot.MsgId = msgId;
            slot.Headers = headers;
            slot.Waiter = waiter;
            slot.Attempts = 0;
            slot.SentAt = _js.Connection.Options.TimeProvider.GetTimestamp();
            if (msgId is not null && _options.RetryAttempts > 0)
            {
                slot.Payload = ArrayPool<byte>.Shared.Rent(Math.Max(1, data.Length));
                data.Span.CopyTo(slot.Payload);
                slot.Length = data.Length;
            }

            _outstanding++;
        }

        Task? wait;
        try
        {
            wait = Write(subject, token, msgId, headers, data.Span);
        }
        catch
        {
            Release(slot, index);
            throw;
        }

        if (wait is not null)
        {
            Release(slot, index);
        }

        return wait;
    }

    private Task? Write(string subject, long token, string? msgId, NatsJsAsyncPublisherHeaders? extra, ReadOnlySpan<byte> payload)
    {
        Span<byte> subjectBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(subject.Length, 512))];
        byte[]? rented = null;
        if (Encoding.UTF8.GetMaxByteCount(subject.Length) > subjectBytes.Length)
        {
            rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(subject.Length));
            subjectBytes = rented;
        }

        try
        {
            var subjectLength = Encoding.UTF8.GetBytes(subject, subjectBytes);
            if (msgId is null && extra is null)
            {
                return _js.Connection.TryPublishRaw(subjectBytes[..subjectLength], _replyPrefix, token, [], payload);
            }

            var headerSize = NatsJsAsyncPublisherHeaders.MaxBlockLength(msgId, extra);
            byte[]? rentedHeaders = headerSize > 1024 ? ArrayPool<byte>.Shared.Rent(headerSize) : null;
            Span<byte> headers = rentedHeaders ?? stackalloc byte[1024];
            try
            {
                var headerLength = extra is null ? MsgIdHeader.Write(headers, msgId!) : NatsJsAsyncPublisherHeaders.WriteBlock(headers, msgId, extra);
                return _js.Connection.TryPublishRaw(subjectBytes[..subjectLength], _replyPrefix, token, headers[..headerLength], payload);
            }
            finally
            {
                if (rentedHeaders is not null)
                {
                    ArrayPool<byte>.Shared.Return(rentedHeaders);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void Complete(long token, ulong sequence, bool duplicate, Exception? error, string stream = "")
    {
        var index = (int)(token % _slots.Length);
        var slot = _slots[index];
        string subject;
        string? msgId;
        AckWaiter? waiter;
        lock (_gate)
        {
            if (!slot.InUse || slot.Token != token)
            {
                return;
            }

            subject = slot.Subject;
            msgId = slot.MsgId;
            waiter = slot.Waiter;
        }

        if (error is null)
        {
            Interlocked.Increment(ref _acked);
            if (duplicate)
            {
                Interlocked.Increment(ref _duplicates);
            }
        }
        else
        {
            Interlocked.Increment(ref _failed);
            if (waiter is null)
            {
                _failures.Enqueue(new NatsJsPublishFailure(subject, msgId, error));
            }
        }

        if (!Release(slot, index) || waiter is null)
        {
            return;
        }

        if (error is null)
        {
            waiter.SetResult(new NatsJsPublishAck(sequence, duplicate, stream));
        }
        else
        {
            waiter.SetException(error);
        }
    }

    /// <summary>Frees the slot; false when it was already free (completed by someone else).</summary>
    private bool Release(Slot slot, int index)
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (!slot.InUse)
            {
                return false;
            }

            slot.InUse = false;
            slot.Waiter = null;
            slot.Headers = null;
            if (slot.Payload is { } payload)
            {
                ArrayPool<byte>.Shared.Return(payload);
                slot.Payload = null;
            }

            _free.Push(index);
            if (--_outstanding == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }

        _window.Release();
        idle?.TrySetResult();
        return true;
    }

    private sealed class Slot
    {
        public long Generation;
        public long Token;
        public bool InUse;
        public string Subject = "";
        public string? MsgId;
        public NatsJsAsyncPublisherHeaders? Headers;
        public AckWaiter? Waiter;
        public byte[]? Payload;
        public int Length;
        public int Attempts;
        public long SentAt;
    }
}
