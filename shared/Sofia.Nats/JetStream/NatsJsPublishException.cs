namespace Sofia.Nats.JetStream;

/// <summary>Some messages of an async publisher were not acknowledged; they are listed.</summary>
public sealed class NatsJsPublishException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsJsPublishException(IReadOnlyList<NatsJsPublishFailure> failures)
        : base($"{failures.Count} message(s) were not acknowledged; first: {failures[0].Subject}: {failures[0].Error.Message}", failures[0].Error)
    {
        Failures = failures;
    }

    /// <summary>The failed messages.</summary>
    public IReadOnlyList<NatsJsPublishFailure> Failures { get; }
}
