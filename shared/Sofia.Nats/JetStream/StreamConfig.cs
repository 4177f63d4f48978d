using System.Text.Json.Serialization;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>A stream's configuration. Unset (null) values take the server's defaults.</summary>
public sealed record StreamConfig
{
    /// <summary>Creates a configuration.</summary>
    public StreamConfig(string name, IReadOnlyList<string> subjects)
    {
        Name = name;
        Subjects = subjects;
    }

    /// <summary>Stream name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; }

    /// <summary>Subjects the stream captures.</summary>
    [JsonPropertyName("subjects")]
    public IReadOnlyList<string> Subjects { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Retention policy (default limits).</summary>
    [JsonPropertyName("retention")]
    public RetentionPolicy? Retention { get; init; }

    /// <summary>Storage (default file).</summary>
    [JsonPropertyName("storage")]
    public StorageType? Storage { get; init; }

    /// <summary>Largest number of messages; -1 for no limit.</summary>
    [JsonPropertyName("max_msgs")]
    public long? MaxMsgs { get; init; }

    /// <summary>Largest size in bytes; -1 for no limit.</summary>
    [JsonPropertyName("max_bytes")]
    public long? MaxBytes { get; init; }

    /// <summary>Oldest message age; zero for no limit.</summary>
    [JsonPropertyName("max_age")]
    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Messages kept per subject; -1 for no limit.</summary>
    [JsonPropertyName("max_msgs_per_subject")]
    public long? MaxMsgsPerSubject { get; init; }

    /// <summary>Largest message size; -1 for no limit.</summary>
    [JsonPropertyName("max_msg_size")]
    public int? MaxMsgSize { get; init; }

    /// <summary>What happens when a limit is reached.</summary>
    [JsonPropertyName("discard")]
    public DiscardPolicy? Discard { get; init; }

    /// <summary>Replicas in a cluster.</summary>
    [JsonPropertyName("num_replicas")]
    public int? NumReplicas { get; init; }

    /// <summary>How long a <c>Nats-Msg-Id</c> is remembered for de-duplication.</summary>
    [JsonPropertyName("duplicate_window")]
    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? DuplicateWindow { get; init; }

    /// <summary>Whether <c>Nats-Rollup</c> headers may purge older messages.</summary>
    [JsonPropertyName("allow_rollup_hdrs")]
    public bool? AllowRollupHeaders { get; init; }

    /// <summary>Whether messages may not be deleted.</summary>
    [JsonPropertyName("deny_delete")]
    public bool? DenyDelete { get; init; }

    /// <summary>Whether the stream may not be purged.</summary>
    [JsonPropertyName("deny_purge")]
    public bool? DenyPurge { get; init; }

    /// <summary>Whether direct get is allowed.</summary>
    [JsonPropertyName("allow_direct")]
    public bool? AllowDirect { get; init; }

    /// <summary>Whether publishes are not acknowledged.</summary>
    [JsonPropertyName("no_ack")]
    public bool? NoAck { get; init; }
}
