using Sofia.Contracts;

namespace Sofia.Messaging.InProcess;

/// <summary>
/// A durable consumer of an in-process stream: the next sequence to deliver, the delivered-but-unacked messages with
/// their deadlines, and the waiters to wake. Every member runs under the stream's gate; a message counts as delivered
/// when a reader takes it (no prefetch), so ack-pending is exactly what readers hold.
/// </summary>
internal sealed class InProcessConsumer(InProcessStream stream, BusConsumerSpec spec, ulong nextSequence)
{
    private readonly Dictionary<ulong, Pending> _pending = [];
    private readonly PriorityQueue<(ulong Sequence, long Version), DateTimeOffset> _deadlines = new();
    private TaskCompletionSource? _signal;
    private long _version;

    public BusConsumerSpec Spec { get; private set; } = spec;

    public void Update(BusConsumerSpec newSpec)
    {
        if (!string.Equals(newSpec.FilterSubject, Spec.FilterSubject, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Consumer {Spec.Durable} of {Spec.Stream} filters {Spec.FilterSubject ?? ">"}; its filter cannot change to {newSpec.FilterSubject ?? ">"}.");
        }

        if (newSpec.AckAll != Spec.AckAll)
        {
            // As nats-server: a durable's ack policy is fixed when it is created.
            throw new InvalidOperationException(
                $"Consumer {Spec.Durable} of {Spec.Stream} acks {(Spec.AckAll ? "all" : "explicitly")}; its ack policy cannot change.");
        }

        Spec = newSpec;
    }

    /// <summary>
    /// For an ack-all consumer opened again: what an earlier reader took and never acked is handed out again first,
    /// in order, so the new reader's acks cover only messages it received (as <see cref="NatsMessageBus"/> does).
    /// </summary>
    public void RewindIfAckAll()
    {
        if (Spec.AckAll && _pending.Count > 0)
        {
            nextSequence = _pending.Keys.Min();
            _pending.Clear();
            _deadlines.Clear();
        }
    }

    /// <summary>The next message to hand out, or null and how long until a redelivery falls due (null: none scheduled).</summary>
    public InProcessDelivery? TryNext(DateTimeOffset now, out TimeSpan? wait)
    {
        wait = null;
        while (_deadlines.TryPeek(out var due, out var at))
        {
            if (!_pending.TryGetValue(due.Sequence, out var pending) || pending.Version != due.Version)
            {
                _deadlines.Dequeue();
                continue;
            }

            if (at > now)
            {
                wait = at - now;
                break;
            }

            _deadlines.Dequeue();
            var message = stream.Get(due.Sequence);
            if (message is null || (Spec.MaxDeliver > 0 && pending.Deliveries >= Spec.MaxDeliver))
            {
                // Gone from the stream, or delivered as often as allowed: no longer pending.
                _pending.Remove(due.Sequence);
                continue;
            }

            return Deliver(message, pending.Deliveries + 1, now);
        }

        var next = stream.NextFrom(nextSequence, Spec.FilterSubject);
        if (next is null)
        {
            nextSequence = Math.Max(nextSequence, stream.LastSequence + 1);
            return null;
        }

        nextSequence = next.StreamSequence + 1;
        return Deliver(next, 1, now);
    }

    public void Ack(ulong sequence, bool remove)
    {
        if (Spec.AckAll)
        {
            // Ack policy "all": every pending message up to this one is done too.
            foreach (var covered in _pending.Keys.Where(pending => pending < sequence).ToList())
            {
                AckOne(covered, remove);
            }
        }

        AckOne(sequence, remove);
    }

    private void AckOne(ulong sequence, bool remove)
    {
        if (_pending.Remove(sequence) && remove)
        {
            stream.Remove(sequence);
        }
    }

    public void Nak(ulong sequence, TimeSpan delay, DateTimeOffset now)
    {
        if (_pending.TryGetValue(sequence, out var pending))
        {
            Schedule(sequence, pending.Deliveries, now + delay);
            Signal();
        }
    }

    /// <summary>Restarts the ack wait of a message still held by the delivery that reports it.</summary>
    public void InProgress(ulong sequence, int deliveries, DateTimeOffset now)
    {
        // A stale delivery (the message has since been redelivered) must not extend the newer one.
        if (_pending.TryGetValue(sequence, out var pending) && pending.Deliveries == deliveries)
        {
            Schedule(sequence, deliveries, now + Spec.AckWait);
        }
    }

    public BusConsumerState State()
    {
        long redelivered = 0;
        foreach (var pending in _pending.Values)
        {
            if (pending.Deliveries > 1)
            {
                redelivered++;
            }
        }

        return new BusConsumerState(stream.CountFrom(nextSequence, Spec.FilterSubject), _pending.Count, redelivered);
    }

    /// <summary>A task that completes at the next publish, nak or stream change.</summary>
    public Task WaitForSignal() => (_signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Signal()
    {
        var signal = _signal;
        _signal = null;
        signal?.TrySetResult();
    }

    private InProcessDelivery Deliver(StoredMessage message, int deliveries, DateTimeOffset now)
    {
        Schedule(message.StreamSequence, deliveries, now + Spec.AckWait);
        return new InProcessDelivery(this, stream, message, deliveries, stream.Definition.Retention == StreamRetention.WorkQueue);
    }

    private void Schedule(ulong sequence, int deliveries, DateTimeOffset due)
    {
        var version = ++_version;
        _pending[sequence] = new Pending(deliveries, version);
        _deadlines.Enqueue((sequence, version), due);
    }

    private readonly record struct Pending(int Deliveries, long Version);
}
