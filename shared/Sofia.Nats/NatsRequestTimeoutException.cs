namespace Sofia.Nats;

/// <summary>A request got no reply within its timeout.</summary>
public sealed class NatsRequestTimeoutException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsRequestTimeoutException(string subject, TimeSpan timeout)
        : base($"No reply to a request on '{subject}' within {timeout.TotalMilliseconds:0} ms.")
    {
        Subject = subject;
        Timeout = timeout;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }

    /// <summary>How long the request waited.</summary>
    public TimeSpan Timeout { get; }
}
