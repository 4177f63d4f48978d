namespace Sofia.Messaging;

/// <summary>A message delivered from a stream.</summary>
public interface IBusMessage
{
    /// <summary>The subject it was published on.</summary>
    string Subject { get; }

    /// <summary>Payload; valid until the message is acked, nacked or terminated.</summary>
    ReadOnlyMemory<byte> Data { get; }

    /// <summary>The publisher's de-duplication id, or null.</summary>
    string? MessageId { get; }

    /// <summary>The payload type name header, or null.</summary>
    string? MessageType { get; }

    /// <summary>Every header it carries (message id and type included); empty when it has none.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Headers => [];

    /// <summary>Its sequence in the stream.</summary>
    ulong StreamSequence { get; }

    /// <summary>1 on first delivery, then counting redeliveries (0 for <see cref="IMessageBus.ReadStreamAsync"/>).</summary>
    int DeliveryCount { get; }

    /// <summary>When the stream stored it.</summary>
    DateTimeOffset Timestamp { get; }

    /// <summary>Done: never deliver again.</summary>
    ValueTask AckAsync(CancellationToken cancellationToken);

    /// <summary>Not done: deliver again after <paramref name="delay"/>.</summary>
    ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Give up: never deliver again (after it is dead-lettered, for example).</summary>
    ValueTask TermAsync(string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Still working on it: restart the ack wait, so a message held longer than <see cref="BusConsumerSpec.AckWait"/>
    /// (a batch waiting for storage to come back, say) is not redelivered meanwhile.
    /// </summary>
    ValueTask InProgressAsync(CancellationToken cancellationToken);
}
