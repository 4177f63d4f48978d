using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>A consumer's configuration and progress as the server reports them.</summary>
public sealed record ConsumerInfo
{
    /// <summary>The stream.</summary>
    [JsonPropertyName("stream_name")]
    public string StreamName { get; init; } = "";

    /// <summary>The consumer name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>When the consumer was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    /// <summary>Configuration with the server's defaults filled in.</summary>
    [JsonPropertyName("config")]
    public ConsumerConfig Config { get; init; } = new();

    /// <summary>Last delivered sequences.</summary>
    [JsonPropertyName("delivered")]
    public SequenceInfo Delivered { get; init; } = new();

    /// <summary>Acknowledged floor.</summary>
    [JsonPropertyName("ack_floor")]
    public SequenceInfo AckFloor { get; init; } = new();

    /// <summary>Delivered but not yet acknowledged.</summary>
    [JsonPropertyName("num_ack_pending")]
    public long NumAckPending { get; init; }

    /// <summary>Waiting for redelivery.</summary>
    [JsonPropertyName("num_redelivered")]
    public long NumRedelivered { get; init; }

    /// <summary>Pull requests waiting.</summary>
    [JsonPropertyName("num_waiting")]
    public long NumWaiting { get; init; }

    /// <summary>Messages not yet delivered.</summary>
    [JsonPropertyName("num_pending")]
    public ulong NumPending { get; init; }
}
