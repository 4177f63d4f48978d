using System.Text.Json.Serialization;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>A pull consumer's configuration. Unset (null) values take the server's defaults.</summary>
public sealed record ConsumerConfig
{
    /// <summary>Durable name; null for an ephemeral consumer.</summary>
    [JsonPropertyName("durable_name")]
    public string? DurableName { get; init; }

    /// <summary>Consumer name (servers 2.9+); defaults to the durable name, or a generated one.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Where delivery starts.</summary>
    [JsonPropertyName("deliver_policy")]
    public DeliverPolicy? DeliverPolicy { get; init; }

    /// <summary>First stream sequence for <see cref="JetStream.DeliverPolicy.ByStartSequence"/>.</summary>
    [JsonPropertyName("opt_start_seq")]
    public ulong? OptStartSeq { get; init; }

    /// <summary>Start time for <see cref="JetStream.DeliverPolicy.ByStartTime"/>.</summary>
    [JsonPropertyName("opt_start_time")]
    [JsonConverter(typeof(TimestampConverter))]
    public DateTimeOffset? OptStartTime { get; init; }

    /// <summary>Acknowledgement policy (default explicit).</summary>
    [JsonPropertyName("ack_policy")]
    public AckPolicy AckPolicy { get; init; } = AckPolicy.Explicit;

    /// <summary>How long the server waits for an ack before redelivering.</summary>
    [JsonPropertyName("ack_wait")]
    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? AckWait { get; init; }

    /// <summary>Deliveries before the server gives up on a message; -1 for no limit.</summary>
    [JsonPropertyName("max_deliver")]
    public long? MaxDeliver { get; init; }

    /// <summary>Redelivery delays, one per delivery attempt (the last repeats).</summary>
    [JsonPropertyName("backoff")]
    [JsonConverter(typeof(NanosecondsListConverter))]
    public IReadOnlyList<TimeSpan>? Backoff { get; init; }

    /// <summary>Only messages on this subject (may contain wildcards).</summary>
    [JsonPropertyName("filter_subject")]
    public string? FilterSubject { get; init; }

    /// <summary>Replay speed.</summary>
    [JsonPropertyName("replay_policy")]
    public ReplayPolicy? ReplayPolicy { get; init; }

    /// <summary>Pull requests the server keeps waiting.</summary>
    [JsonPropertyName("max_waiting")]
    public long? MaxWaiting { get; init; }

    /// <summary>Messages delivered but not yet acknowledged before delivery pauses.</summary>
    [JsonPropertyName("max_ack_pending")]
    public long? MaxAckPending { get; init; }

    /// <summary>Deliver headers only, without payloads.</summary>
    [JsonPropertyName("headers_only")]
    public bool? HeadersOnly { get; init; }

    /// <summary>Largest batch a pull request may ask for.</summary>
    [JsonPropertyName("max_batch")]
    public long? MaxBatch { get; init; }

    /// <summary>How long an idle ephemeral consumer lives.</summary>
    [JsonPropertyName("inactive_threshold")]
    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? InactiveThreshold { get; init; }

    /// <summary>Replicas in a cluster; 0 follows the stream.</summary>
    [JsonPropertyName("num_replicas")]
    public int? NumReplicas { get; init; }

    /// <summary>Keep the consumer's state in memory.</summary>
    [JsonPropertyName("mem_storage")]
    public bool? MemoryStorage { get; init; }
}
