namespace Sofia.Messaging.InProcess;

/// <summary>One delivery of a stored message to a durable consumer; its acks go to that consumer under the stream's gate.</summary>
internal sealed class InProcessDelivery(
    InProcessConsumer consumer,
    InProcessStream stream,
    StoredMessage message,
    int deliveries,
    bool workQueue) : IBusMessage
{
    public string Subject => message.Subject;

    public ReadOnlyMemory<byte> Data => message.Data;

    public string? MessageId => message.MessageId;

    public string? MessageType => message.MessageType;

    public IReadOnlyList<KeyValuePair<string, string>> Headers => message.Headers;

    public ulong StreamSequence => message.StreamSequence;

    public int DeliveryCount => deliveries;

    public DateTimeOffset Timestamp => message.Timestamp;

    public ValueTask AckAsync(CancellationToken cancellationToken)
    {
        lock (stream.Gate)
        {
            consumer.Ack(message.StreamSequence, workQueue);
        }

        return default;
    }

    public ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (stream.Gate)
        {
            consumer.Nak(message.StreamSequence, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, stream.Time.GetUtcNow());
        }

        return default;
    }

    public ValueTask InProgressAsync(CancellationToken cancellationToken)
    {
        lock (stream.Gate)
        {
            consumer.InProgress(message.StreamSequence, deliveries, stream.Time.GetUtcNow());
        }

        return default;
    }

    public ValueTask TermAsync(string reason, CancellationToken cancellationToken)
    {
        // A terminated message is done with, like an acked one (a work queue drops it too).
        lock (stream.Gate)
        {
            consumer.Ack(message.StreamSequence, workQueue);
        }

        return default;
    }
}
