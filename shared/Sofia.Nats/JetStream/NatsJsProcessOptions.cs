namespace Sofia.Nats.JetStream;

/// <summary>How <see cref="NatsJsConsumer.ProcessAsync"/> handles failures and poison messages.</summary>
public sealed record NatsJsProcessOptions
{
    /// <summary>Pull settings.</summary>
    public NatsJsConsumeOptions Consume { get; init; } = new();

    /// <summary>Deliveries after which a failing message is dead-lettered; the consumer's max_deliver when null.</summary>
    public long? MaxDeliver { get; init; }

    /// <summary>
    /// Subject the dead letter is published to (with JetStream ack) before the message is terminated;
    /// when null, a failing message on its last delivery is only passed to <see cref="OnDeadLetter"/> and terminated.
    /// </summary>
    public string? DeadLetterSubject { get; init; }

    /// <summary>Called for every dead-lettered message, after it was published to <see cref="DeadLetterSubject"/>.</summary>
    public Func<NatsJsMsg, Exception, CancellationToken, ValueTask>? OnDeadLetter { get; init; }

    /// <summary>Delay of the redelivery after a failure (none: the consumer's backoff or ack wait applies).</summary>
    public TimeSpan? NakDelay { get; init; }
}
