using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>The server's acknowledgement of a JetStream publish.</summary>
public sealed record PubAck
{
    /// <summary>The stream that stored the message.</summary>
    [JsonPropertyName("stream")]
    public string Stream { get; init; } = "";

    /// <summary>Its stream sequence.</summary>
    [JsonPropertyName("seq")]
    public ulong Sequence { get; init; }

    /// <summary>Whether the message id was seen before, so the message was not stored again.</summary>
    [JsonPropertyName("duplicate")]
    public bool Duplicate { get; init; }

    /// <summary>JetStream domain, if any.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; init; }
}
