using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>A consumer sequence paired with the stream sequence.</summary>
public sealed record SequenceInfo
{
    /// <summary>Consumer sequence.</summary>
    [JsonPropertyName("consumer_seq")]
    public ulong ConsumerSeq { get; init; }

    /// <summary>Stream sequence.</summary>
    [JsonPropertyName("stream_seq")]
    public ulong StreamSeq { get; init; }
}
