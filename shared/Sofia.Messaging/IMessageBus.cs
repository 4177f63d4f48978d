using Sofia.Contracts;

namespace Sofia.Messaging;

/// <summary>
/// The bus as services see it: JetStream semantics (streams, de-duplicated publishes with acks, durable pull consumers
/// with explicit ack and redelivery, ordered replay, key-value buckets) behind one interface, so the same service
/// classes run on nats-server in production and on the in-process bus in <c>sofia demo</c>.
/// Both implementations pass one contract test suite.
/// </summary>
public interface IMessageBus : IAsyncDisposable
{
    /// <summary>True while publishes and acks can reach the bus.</summary>
    bool IsConnected { get; }

    /// <summary>Creates the stream, or updates it to <paramref name="stream"/>; idempotent.</summary>
    ValueTask EnsureStreamAsync(StreamDefinition stream, CancellationToken cancellationToken);

    /// <summary>Publishes into a stream and waits for its ack; a repeated <see cref="BusEnvelope.MessageId"/> inside the
    /// stream's duplicate window is acknowledged as a duplicate and not stored again.</summary>
    ValueTask<BusPublishAck> PublishAsync(BusEnvelope message, CancellationToken cancellationToken);

    /// <summary>A windowed publisher for high rates: many publishes in flight, each with its own ack.</summary>
    ValueTask<IBusPublisher> CreatePublisherAsync(int maxPendingAcks, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or updates the durable consumer <paramref name="consumer"/> and yields its messages until cancelled,
    /// across reconnects. Unacked messages are redelivered after the ack wait; after
    /// <see cref="BusConsumerSpec.MaxDeliver"/> deliveries a message is no longer delivered.
    /// </summary>
    IAsyncEnumerable<IBusMessage> ConsumeAsync(BusConsumerSpec consumer, CancellationToken cancellationToken);

    /// <summary>Pending (not yet delivered) and ack-pending counts of a durable consumer.</summary>
    ValueTask<BusConsumerState> GetConsumerStateAsync(string stream, string durable, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a stream in order from <paramref name="fromSequence"/> (1 = the start), optionally filtered, and completes
    /// after the last message stored when the call began. Nothing is acked; this is how a service rebuilds its state.
    /// </summary>
    IAsyncEnumerable<IBusMessage> ReadStreamAsync(string stream, string? filterSubject, ulong fromSequence, CancellationToken cancellationToken);

    /// <summary>Opens the key-value bucket, creating it when it does not exist.</summary>
    ValueTask<IBusKeyValue> KeyValueAsync(string bucket, CancellationToken cancellationToken);
}
