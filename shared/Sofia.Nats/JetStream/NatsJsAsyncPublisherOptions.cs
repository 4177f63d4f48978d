namespace Sofia.Nats.JetStream;

/// <summary>Settings of a <see cref="NatsJsAsyncPublisher"/>.</summary>
public sealed record NatsJsAsyncPublisherOptions
{
    /// <summary>Acks outstanding at most; a publish waits for room beyond this.</summary>
    public int MaxPending { get; init; } = 4096;

    /// <summary>How long an ack may take before the message is re-sent (with a msg id) or counted as failed.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Re-sends of a message with a msg id whose ack timed out.</summary>
    public int RetryAttempts { get; init; } = 3;
}
