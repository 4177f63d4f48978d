namespace Sofia.Nats;

/// <summary>The server sent bytes that do not follow the NATS protocol.</summary>
public sealed class NatsProtocolException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsProtocolException(string message)
        : base(message)
    {
    }
}
