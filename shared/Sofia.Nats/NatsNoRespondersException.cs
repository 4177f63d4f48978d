namespace Sofia.Nats;

/// <summary>A request found nobody subscribed to its subject (the server answered with status 503).</summary>
public sealed class NatsNoRespondersException : NatsException
{
    /// <summary>Creates the exception for the subject that had no responders.</summary>
    public NatsNoRespondersException(string subject)
        : base($"No responders are subscribed to '{subject}'.")
    {
        Subject = subject;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }
}
