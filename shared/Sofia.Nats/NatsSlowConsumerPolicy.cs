namespace Sofia.Nats;

/// <summary>What a subscription does when its bounded buffer is full.</summary>
public enum NatsSlowConsumerPolicy
{
    /// <summary>
    /// Stop reading from the socket until there is room: back-pressure to the server and no loss, but
    /// every subscription of the connection waits too, and a consumer stuck for longer than
    /// <see cref="NatsOptions.MaxPingsOutstanding"/> ping intervals gets the connection declared stale.
    /// </summary>
    Wait,

    /// <summary>Drop the new message and count it in <see cref="NatsSubscription.DroppedMessages"/> and the metrics.</summary>
    DropNewest,
}
