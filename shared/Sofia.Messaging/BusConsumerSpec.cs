namespace Sofia.Messaging;

/// <summary>A durable, pull-based, explicitly acked consumer.</summary>
/// <param name="Stream">Stream to consume.</param>
/// <param name="Durable">Durable name; state survives restarts of the consumer and of the bus.</param>
/// <param name="FilterSubject">Only subjects matching this (wildcards allowed); null for the whole stream.</param>
public sealed record BusConsumerSpec(string Stream, string Durable, string? FilterSubject)
{
    /// <summary>How long a delivered message may stay unacked before it is redelivered.</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries before the bus stops delivering a message (dead-letter it before that).</summary>
    public int MaxDeliver { get; init; } = 5;

    /// <summary>
    /// Delivered and unacked messages allowed at once; null for the bus's default (nats-server 2.9: 1000; the in-process
    /// bus has no limit). A consumer that acks in large batches needs more than its batch.
    /// </summary>
    public int? MaxAckPending { get; init; }

    /// <summary>
    /// Acking a message also acks every message of this consumer with a lower stream sequence (JetStream's ack policy
    /// "all"), so a consumer that works in batches acks each batch once, with its highest sequence. In-progress and
    /// nak act on one message; a term settles every earlier message too, as nats-server treats it as an ack (so
    /// dead-letter with <see cref="MessageBusExtensions.PublishDeadLetterAsync"/> and let the batch ack settle it). A
    /// durable's ack policy cannot change once it exists.
    /// One reader at a time: a reader that opens the durable while an earlier one's messages are still unacked gets
    /// them again first, at once and in stream order, so its acks only ever cover messages it received.
    /// </summary>
    public bool AckAll { get; init; }

    /// <summary>Messages requested per pull.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Where a newly created consumer starts.</summary>
    public BusDeliverFrom DeliverFrom { get; init; } = BusDeliverFrom.All;
}
