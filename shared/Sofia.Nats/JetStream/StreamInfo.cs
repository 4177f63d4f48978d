using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>A stream's configuration and state as the server reports them.</summary>
public sealed record StreamInfo
{
    /// <summary>Configuration with the server's defaults filled in.</summary>
    [JsonPropertyName("config")]
    public StreamConfig Config { get; init; } = new("", []);

    /// <summary>Current state.</summary>
    [JsonPropertyName("state")]
    public StreamState State { get; init; } = new();

    /// <summary>When the stream was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }
}
