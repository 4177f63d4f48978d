using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>What a stream holds.</summary>
public sealed record StreamState
{
    /// <summary>Messages stored.</summary>
    [JsonPropertyName("messages")]
    public ulong Messages { get; init; }

    /// <summary>Bytes stored.</summary>
    [JsonPropertyName("bytes")]
    public ulong Bytes { get; init; }

    /// <summary>First sequence.</summary>
    [JsonPropertyName("first_seq")]
    public ulong FirstSeq { get; init; }

    /// <summary>Last sequence.</summary>
    [JsonPropertyName("last_seq")]
    public ulong LastSeq { get; init; }

    /// <summary>Consumers.</summary>
    [JsonPropertyName("consumer_count")]
    public int ConsumerCount { get; init; }

    /// <summary>Distinct subjects, when the server reports it.</summary>
    [JsonPropertyName("num_subjects")]
    public long NumSubjects { get; init; }
}
