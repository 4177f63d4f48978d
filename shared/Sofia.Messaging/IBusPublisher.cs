namespace Sofia.Messaging;

/// <summary>
/// Publishes with up to a window of unacknowledged messages in flight. <see cref="PublishAsync"/> waits only while
/// the window is full and returns the message's ack as a task of its own, so callers pipeline sends and confirm later.
/// </summary>
public interface IBusPublisher : IAsyncDisposable
{
    /// <summary>Sends <paramref name="message"/>; the returned task completes with its ack or fails with the reason.</summary>
    ValueTask<Task<BusPublishAck>> PublishAsync(BusEnvelope message, CancellationToken cancellationToken);
}
