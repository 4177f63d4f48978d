namespace Sofia.Nats;

/// <summary>Base of every error the NATS client raises.</summary>
public class NatsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NatsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public NatsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
