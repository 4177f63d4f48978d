using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>Where a new consumer starts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliverPolicy>))]
public enum DeliverPolicy
{
    /// <summary>From the first message.</summary>
    [JsonStringEnumMemberName("all")]
    All,

    /// <summary>From the last message.</summary>
    [JsonStringEnumMemberName("last")]
    Last,

    /// <summary>Only messages published after it was created.</summary>
    [JsonStringEnumMemberName("new")]
    New,

    /// <summary>From <see cref="ConsumerConfig.OptStartSeq"/>.</summary>
    [JsonStringEnumMemberName("by_start_sequence")]
    ByStartSequence,

    /// <summary>From <see cref="ConsumerConfig.OptStartTime"/>.</summary>
    [JsonStringEnumMemberName("by_start_time")]
    ByStartTime,

    /// <summary>The last message of every subject.</summary>
    [JsonStringEnumMemberName("last_per_subject")]
    LastPerSubject,
}
