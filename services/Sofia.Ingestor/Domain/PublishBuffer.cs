using System.Threading.Channels;

namespace Sofia.Ingestor.Domain;

/// <summary>
/// The hand-off between socket readers and the publisher: a bounded channel of ticks (a full one makes readers
/// wait, which stops reading sockets) and a smaller one of events (feed health, whale alerts) that never blocks a
/// reader: an event that does not fit is counted and logged, never dropped silently.
/// </summary>
internal sealed class PublishBuffer
{
    private readonly Channel<OutboundMessage> _ticks;
    private readonly Channel<OutboundMessage> _events;
    private long _droppedEvents;
    private int _waitingWriters;

    public PublishBuffer(int capacity)
    {
        Capacity = capacity;
        _ticks = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _events = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(Math.Max(1000, capacity / 10))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public int Capacity { get; }

    /// <summary>Ticks waiting.</summary>
    public int Depth => _ticks.Reader.Count;

    /// <summary>Events waiting.</summary>
    public int EventDepth => _events.Reader.Count;

    /// <summary>Events that did not fit.</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>Whether the tick buffer is at its bound or a reader waits for room: intake is paused.</summary>
    public bool IsFull => Depth >= Capacity || Volatile.Read(ref _waitingWriters) > 0;

    public ChannelReader<OutboundMessage> Ticks => _ticks.Reader;

    public ChannelReader<OutboundMessage> Events => _events.Reader;

    /// <summary>Queues a tick; waits while the buffer is full (back-pressure on the socket reader).</summary>
    public ValueTask WriteTickAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        _ticks.Writer.TryWrite(message) ? default : WaitAndWriteAsync(message, cancellationToken);

    /// <summary>Queues an event without waiting; false (and counted) when the event buffer is full.</summary>
    public bool TryWriteEvent(OutboundMessage message)
    {
        if (_events.Writer.TryWrite(message))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedEvents);
        return false;
    }

    /// <summary>No more messages will come (intake stopped); the publisher drains what is left.</summary>
    public void Complete()
    {
        _ticks.Writer.TryComplete();
        _events.Writer.TryComplete();
    }

    private async ValueTask WaitAndWriteAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingWriters);
        try
        {
            await _ticks.Writer.WriteAsync(message, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingWriters);
        }
    }
}
