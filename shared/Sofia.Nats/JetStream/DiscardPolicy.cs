using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>What a full stream does with a new message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiscardPolicy>))]
public enum DiscardPolicy
{
    /// <summary>Removes the oldest messages.</summary>
    [JsonStringEnumMemberName("old")]
    Old,

    /// <summary>Rejects the new message.</summary>
    [JsonStringEnumMemberName("new")]
    New,
}
