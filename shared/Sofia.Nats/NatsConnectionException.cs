namespace Sofia.Nats;

/// <summary>
/// The connection could not be established, was lost while an operation was in flight, or is closed.
/// An operation that fails with it may or may not have reached the server.
/// </summary>
public sealed class NatsConnectionException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
