using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>When a stream may remove a message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetentionPolicy>))]
public enum RetentionPolicy
{
    /// <summary>When a limit removes it.</summary>
    [JsonStringEnumMemberName("limits")]
    Limits,

    /// <summary>When every consumer acknowledged it.</summary>
    [JsonStringEnumMemberName("interest")]
    Interest,

    /// <summary>When one consumer acknowledged it.</summary>
    [JsonStringEnumMemberName("workqueue")]
    WorkQueue,
}
