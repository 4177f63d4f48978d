namespace Sofia.Nats.JetStream;

/// <summary>Where an ordered consumer starts and what it reads.</summary>
public sealed record NatsJsOrderedConsumerOptions
{
    /// <summary>Only messages on this subject (wildcards allowed); null for the whole stream.</summary>
    public string? FilterSubject { get; init; }

    /// <summary>Where to start (all, last, new, by sequence, by time, last per subject).</summary>
    public DeliverPolicy DeliverPolicy { get; init; } = DeliverPolicy.All;

    /// <summary>First stream sequence for <see cref="DeliverPolicy.ByStartSequence"/>.</summary>
    public ulong? OptStartSeq { get; init; }

    /// <summary>Start time for <see cref="DeliverPolicy.ByStartTime"/>.</summary>
    public DateTimeOffset? OptStartTime { get; init; }

    /// <summary>Deliver headers without payloads.</summary>
    public bool HeadersOnly { get; init; }

    /// <summary>Messages requested at a time.</summary>
    public int MaxMessages { get; init; } = 500;

    /// <summary>Server heartbeat while waiting; two missed heartbeats reset the consumer.</summary>
    public TimeSpan IdleHeartbeat { get; init; } = TimeSpan.FromSeconds(5);
}
