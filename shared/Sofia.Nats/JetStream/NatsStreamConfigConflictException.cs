namespace Sofia.Nats.JetStream;

/// <summary>A stream exists with a configuration that differs from the requested one and cannot be updated to it.</summary>
public sealed class NatsStreamConfigConflictException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsStreamConfigConflictException(string stream, IReadOnlyList<string> differences, Exception? innerException)
        : base($"Stream '{stream}' exists with a different configuration: {string.Join("; ", differences)}.", innerException)
    {
        Stream = stream;
        Differences = differences;
    }

    /// <summary>The stream.</summary>
    public string Stream { get; }

    /// <summary>One entry per differing field: <c>field: existing X, requested Y</c>.</summary>
    public IReadOnlyList<string> Differences { get; }
}
