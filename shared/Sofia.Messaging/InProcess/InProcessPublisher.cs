namespace Sofia.Messaging.InProcess;

/// <summary>The windowed publisher of the in-process bus: a publish is stored at once, so its ack is ready when it returns.</summary>
internal sealed class InProcessPublisher(InProcessMessageBus bus) : IBusPublisher
{
    public ValueTask<Task<BusPublishAck>> PublishAsync(BusEnvelope message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return new(Task.FromResult(bus.Publish(message)));
        }
        catch (BusNoStreamException ex)
        {
            return new(Task.FromException<BusPublishAck>(ex));
        }
    }

    public ValueTask DisposeAsync() => default;
}
