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

    /// <summary>Messages requested per pull.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Where a newly created consumer starts.</summary>
    public BusDeliverFrom DeliverFrom { get; init; } = BusDeliverFrom.All;
}
