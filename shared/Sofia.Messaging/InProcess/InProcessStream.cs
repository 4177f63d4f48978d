using Sofia.Contracts;
using Sofia.Nats;

namespace Sofia.Messaging.InProcess;

/// <summary>
/// One in-process stream: messages in sequence order, the duplicate window, retention, and its durable consumers.
/// <see cref="Gate"/> guards all of it; each stream has its own, so streams never contend with each other.
/// </summary>
internal sealed class InProcessStream(StreamDefinition definition, TimeProvider time)
{
    private const int CompactAfter = 1024;

    private readonly List<StoredMessage?> _items = [];
    private readonly Dictionary<string, ulong> _ids = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, ulong Sequence, DateTimeOffset At)> _idOrder = new();
    private readonly Dictionary<string, InProcessConsumer> _consumers = new(StringComparer.Ordinal);
    private ulong _baseSequence = 1;
    private int _head;
    private ulong _lastSequence;
    private long _count;

    public Lock Gate { get; } = new();

    public StreamDefinition Definition { get; private set; } = definition;

    public TimeProvider Time => time;

    public ulong LastSequence => _lastSequence;

    /// <summary>Messages held.</summary>
    public long Count => _count;

    public string Name => Definition.Name;

    /// <summary>The first sequence still held, or <see cref="LastSequence"/> + 1 when empty.</summary>
    public ulong FirstSequence
    {
        get
        {
            for (var i = _head; i < _items.Count; i++)
            {
                if (_items[i] is { } message)
                {
                    return message.StreamSequence;
                }
            }

            return _lastSequence + 1;
        }
    }

    public void Update(StreamDefinition definition)
    {
        if (definition.Retention != Definition.Retention)
        {
            throw new InvalidOperationException(
                $"Stream {definition.Name} exists with retention {Definition.Retention}; it cannot change to {definition.Retention}.");
        }

        Definition = definition;
    }

    public bool Captures(string subject)
    {
        foreach (var pattern in Definition.Subjects)
        {
            if (NatsSubject.Matches(pattern, subject))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Stores the message (caller holds <see cref="Gate"/>); a known id inside the window returns the original's ack.</summary>
    public BusPublishAck Append(in BusEnvelope envelope)
    {
        var now = time.GetUtcNow();
        ExpireLocked(now);
        if (envelope.MessageId is { } id && _ids.TryGetValue(id, out var original))
        {
            return new BusPublishAck(Name, original, true);
        }

        var sequence = ++_lastSequence;
        _items.Add(StoredMessage.From(envelope, sequence, now));
        _count++;
        if (envelope.MessageId is { } newId && Definition.DuplicateWindow > TimeSpan.Zero)
        {
            _ids[newId] = sequence;
            _idOrder.Enqueue((newId, sequence, now));
        }

        return new BusPublishAck(Name, sequence, false);
    }

    /// <summary>The message at <paramref name="sequence"/> if still held (caller holds <see cref="Gate"/>).</summary>
    public StoredMessage? Get(ulong sequence)
    {
        if (sequence < _baseSequence || sequence > _lastSequence)
        {
            return null;
        }

        var index = (long)(sequence - _baseSequence);
        return index < _head ? null : _items[(int)index];
    }

    /// <summary>The first held message at or after <paramref name="sequence"/> matching <paramref name="filter"/> (caller holds <see cref="Gate"/>).</summary>
    public StoredMessage? NextFrom(ulong sequence, string? filter)
    {
        var start = sequence <= _baseSequence ? _head : (long)Math.Min((ulong)_items.Count, sequence - _baseSequence);
        for (var i = (int)Math.Max(start, _head); i < _items.Count; i++)
        {
            if (_items[i] is { } message && (filter is null || NatsSubject.Matches(filter, message.Subject)))
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>How many held messages from <paramref name="sequence"/> on match <paramref name="filter"/> (caller holds <see cref="Gate"/>).</summary>
    public ulong CountFrom(ulong sequence, string? filter)
    {
        ulong count = 0;
        for (var message = NextFrom(sequence, filter); message is not null; message = NextFrom(message.StreamSequence + 1, filter))
        {
            count++;
        }

        return count;
    }

    /// <summary>Removes one message (work-queue ack; caller holds <see cref="Gate"/>).</summary>
    public void Remove(ulong sequence)
    {
        if (Get(sequence) is null)
        {
            return;
        }

        _items[(int)(sequence - _baseSequence)] = null;
        _count--;
        TrimHead();
    }

    /// <summary>Drops what the age limit and the duplicate window no longer keep (caller holds <see cref="Gate"/>).</summary>
    public void ExpireLocked(DateTimeOffset now)
    {
        while (_idOrder.TryPeek(out var oldest) && now - oldest.At > Definition.DuplicateWindow)
        {
            _idOrder.Dequeue();
            if (_ids.TryGetValue(oldest.Id, out var sequence) && sequence == oldest.Sequence)
            {
                _ids.Remove(oldest.Id);
            }
        }

        if (Definition.MaxAge > TimeSpan.Zero)
        {
            while (_head < _items.Count && (_items[_head] is null || now - _items[_head]!.Timestamp > Definition.MaxAge))
            {
                if (_items[_head] is not null)
                {
                    _count--;
                }

                _items[_head++] = null;
            }
        }

        TrimHead();
    }

    public InProcessConsumer GetOrCreateConsumer(BusConsumerSpec spec)
    {
        if (_consumers.TryGetValue(spec.Durable, out var consumer))
        {
            consumer.Update(spec);
            consumer.RewindIfAckAll();
            return consumer;
        }

        var start = spec.DeliverFrom == BusDeliverFrom.New ? _lastSequence + 1 : 1;
        consumer = new InProcessConsumer(this, spec, start);
        _consumers.Add(spec.Durable, consumer);
        return consumer;
    }

    public InProcessConsumer? FindConsumer(string durable) => _consumers.GetValueOrDefault(durable);

    /// <summary>Wakes every consumer waiting for messages (caller holds <see cref="Gate"/>).</summary>
    public void SignalConsumers()
    {
        foreach (var consumer in _consumers.Values)
        {
            consumer.Signal();
        }
    }

    private void TrimHead()
    {
        while (_head < _items.Count && _items[_head] is null)
        {
            _head++;
        }

        // Trimmed slots are given back in bulk, so removing from the front stays O(1) per message.
        if (_head >= CompactAfter && _head * 2 >= _items.Count)
        {
            _items.RemoveRange(0, _head);
            _baseSequence += (ulong)_head;
            _head = 0;
        }
    }
}
