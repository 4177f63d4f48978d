using System.Text.Json.Serialization;

namespace Sofia.Nats.JetStream;

/// <summary>Where a stream keeps its messages.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorageType>))]
public enum StorageType
{
    /// <summary>On disk.</summary>
    [JsonStringEnumMemberName("file")]
    File,

    /// <summary>In memory.</summary>
    [JsonStringEnumMemberName("memory")]
    Memory,
}
