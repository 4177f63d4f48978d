using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>How a consumer's messages are acknowledged.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AckPolicy>))]
public enum AckPolicy
{
    /// <summary>Each message is acknowledged.</summary>
    [JsonStringEnumMemberName("explicit")]
    Explicit,

    /// <summary>No acknowledgement.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Acknowledging a message acknowledges all before it.</summary>
    [JsonStringEnumMemberName("all")]
    All,
}
