using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>How fast stored messages are replayed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplayPolicy>))]
public enum ReplayPolicy
{
    /// <summary>As fast as possible.</summary>
    [JsonStringEnumMemberName("instant")]
    Instant,

    /// <summary>At the pace they were published.</summary>
    [JsonStringEnumMemberName("original")]
    Original,
}
