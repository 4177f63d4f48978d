namespace Sofia.Nats;

/// <summary>Per-subscription settings; unset values come from <see cref="NatsOptions"/>.</summary>
public sealed record NatsSubscriptionOptions
{
    /// <summary>Messages buffered before <see cref="SlowConsumerPolicy"/> applies.</summary>
    public int? Capacity { get; init; }

    /// <summary>What happens when the buffer is full.</summary>
    public NatsSlowConsumerPolicy? SlowConsumerPolicy { get; init; }

    /// <summary>Unsubscribe automatically after this many messages; 0 for never.</summary>
    public int MaxMessages { get; init; }
}
