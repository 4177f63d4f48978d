using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Sofia.Contracts;
using Sofia.Messaging.InProcess;

namespace Sofia.Messaging;

/// <summary>
/// <see cref="IMessageBus"/> in memory, for <c>sofia demo</c> and tests: the JetStream semantics services rely on
/// (wildcard capture, de-duplication, limits and work-queue retention, durable pull consumers with ack waits, naks,
/// terms and max deliveries, ordered replay, key-value buckets) in one process, with nothing installed. Nothing
/// survives the process. Each stream has its own lock; ack waits and nak delays run on the given
/// <see cref="TimeProvider"/>, so tests can drive them with a fake clock.
/// </summary>
public sealed class InProcessMessageBus : IMessageBus
{
    private const int MaxCachedSubjects = 10_000;

    private readonly TimeProvider _time;
    private readonly Lock _streamsGate = new();
    private readonly ConcurrentDictionary<string, InProcessStream> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InProcessStream> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InProcessKeyValue> _buckets = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private TaskCompletionSource _streamsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A bus on <paramref name="timeProvider"/> (the system clock by default).</summary>
    public InProcessMessageBus(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public bool IsConnected => !_disposed.IsCancellationRequested;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Its subjects overlap another stream's, or its retention would change.</exception>
    public ValueTask EnsureStreamAsync(StreamDefinition stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ObjectDisposedException.ThrowIf(!IsConnected, this);
        lock (_streamsGate)
        {
            foreach (var other in _streams.Values)
            {
                if (other.Name == stream.Name)
                {
                    continue;
                }

                foreach (var mine in stream.Subjects)
                {
                    if (other.Definition.Subjects.Any(theirs => SubjectPatterns.Overlap(mine, theirs)))
                    {
                        throw new InvalidOperationException($"Subjects of stream {stream.Name} overlap those of stream {other.Name}.");
                    }
                }
            }

            if (_streams.TryGetValue(stream.Name, out var existing))
            {
                lock (existing.Gate)
                {
                    existing.Update(stream);
                }
            }
            else
            {
                _streams[stream.Name] = new InProcessStream(stream, _time);
            }

            _routes.Clear();
            _streamsChanged.TrySetResult();
            _streamsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<BusPublishAck> PublishAsync(BusEnvelope message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(Publish(message));
    }

    /// <inheritdoc />
    public ValueTask<IBusPublisher> CreatePublisherAsync(int maxPendingAcks, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingAcks);
        ObjectDisposedException.ThrowIf(!IsConnected, this);
        return new(new InProcessPublisher(this));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IBusMessage> ConsumeAsync(BusConsumerSpec consumer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);

        // Like a JetStream consumer, it waits for a stream that another service has not created yet.
        InProcessStream? stream;
        while (true)
        {
            Task changed;
            lock (_streamsGate)
            {
                ObjectDisposedException.ThrowIf(!IsConnected, this);
                changed = _streamsChanged.Task;
            }

            if (_streams.TryGetValue(consumer.Stream, out stream))
            {
                break;
            }

            await changed.WaitAsync(stop.Token);
        }

        InProcessConsumer durable;
        lock (stream.Gate)
        {
            durable = stream.GetOrCreateConsumer(consumer);
        }

        while (true)
        {
            stop.Token.ThrowIfCancellationRequested();
            InProcessDelivery? delivery;
            TimeSpan? wait;
            Task signal;
            lock (stream.Gate)
            {
                stream.ExpireLocked(_time.GetUtcNow());
                delivery = durable.TryNext(_time.GetUtcNow(), out wait);
                signal = delivery is null ? durable.WaitForSignal() : Task.CompletedTask;
            }

            if (delivery is not null)
            {
                yield return delivery;
                continue;
            }

            await WaitAsync(signal, wait, stop.Token);
        }
    }

    /// <inheritdoc />
    public ValueTask<BusConsumerState> GetConsumerStateAsync(string stream, string durable, CancellationToken cancellationToken)
    {
        var found = Stream(stream);
        lock (found.Gate)
        {
            found.ExpireLocked(_time.GetUtcNow());
            var consumer = found.FindConsumer(durable)
                ?? throw new InvalidOperationException($"Stream {stream} has no consumer {durable}.");
            return new(consumer.State());
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IBusMessage> ReadStreamAsync(
        string stream,
        string? filterSubject,
        ulong fromSequence,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = Stream(stream);
        ulong last;
        lock (found.Gate)
        {
            found.ExpireLocked(_time.GetUtcNow());
            last = found.LastSequence;
        }

        var next = Math.Max(1, fromSequence);
        while (next <= last)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StoredMessage? message;
            lock (found.Gate)
            {
                message = found.NextFrom(next, filterSubject);
            }

            if (message is null || message.StreamSequence > last)
            {
                yield break;
            }

            next = message.StreamSequence + 1;
            yield return message;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IBusKeyValue> KeyValueAsync(string bucket, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        if (!bucket.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{bucket}' is not a valid bucket name (letters, digits, '-', '_').", nameof(bucket));
        }

        return new(_buckets.GetOrAdd(bucket, name => new InProcessKeyValue(name)));
    }

    /// <summary>Ends every consumer; the bus takes no more calls.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_disposed.IsCancellationRequested)
        {
            await _disposed.CancelAsync();
        }
    }

    /// <summary>Stores <paramref name="message"/> in the stream that captures its subject and wakes that stream's consumers.</summary>
    internal BusPublishAck Publish(in BusEnvelope message)
    {
        ObjectDisposedException.ThrowIf(!IsConnected, this);
        ArgumentException.ThrowIfNullOrEmpty(message.Subject);
        var stream = Route(message.Subject) ?? throw new BusNoStreamException(message.Subject);
        lock (stream.Gate)
        {
            var ack = stream.Append(message);
            if (!ack.Duplicate)
            {
                stream.SignalConsumers();
            }

            return ack;
        }
    }

    private InProcessStream? Route(string subject)
    {
        if (_routes.TryGetValue(subject, out var cached))
        {
            return cached;
        }

        foreach (var stream in _streams.Values)
        {
            if (stream.Captures(subject))
            {
                // Subjects repeat (exchange x symbol), so the lookup is cached; a flood of one-off subjects only resets it.
                if (_routes.Count >= MaxCachedSubjects)
                {
                    _routes.Clear();
                }

                _routes[subject] = stream;
                return stream;
            }
        }

        return null;
    }

    private InProcessStream Stream(string name)
    {
        ObjectDisposedException.ThrowIf(!IsConnected, this);
        return _streams.TryGetValue(name, out var stream)
            ? stream
            : throw new InvalidOperationException($"Stream {name} does not exist.");
    }

    private async Task WaitAsync(Task signal, TimeSpan? wait, CancellationToken cancellationToken)
    {
        if (wait is not { } delay)
        {
            await signal.WaitAsync(cancellationToken);
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, _time, timer.Token);
        await Task.WhenAny(signal, elapsed);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
