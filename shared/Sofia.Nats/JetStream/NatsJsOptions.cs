namespace Sofia.Nats.JetStream;

/// <summary>How a <see cref="NatsJsContext"/> context talks to the JetStream API.</summary>
public sealed record NatsJsOptions
{
    /// <summary>JetStream domain; null for the default.</summary>
    public string? Domain { get; init; }

    /// <summary>Timeout of API requests and publish acks.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
