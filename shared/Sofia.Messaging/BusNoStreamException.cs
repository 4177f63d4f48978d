namespace Sofia.Messaging;

/// <summary>
/// A publish went to a subject that no stream captures, so nothing was stored (NATS answers "no responders").
/// Both bus implementations throw it.
/// </summary>
public sealed class BusNoStreamException : Exception
{
    /// <summary>Creates the exception for <paramref name="subject"/>.</summary>
    public BusNoStreamException(string subject, Exception? innerException = null)
        : base($"No stream captures the subject '{subject}'; nothing was stored.", innerException)
    {
        Subject = subject;
    }

    /// <summary>The subject of the publish.</summary>
    public string Subject { get; }
}
