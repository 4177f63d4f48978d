using System.Text.Json.Serialization;

namespace Sofia.Nats.Internal;

/// <summary>Source-generated JSON for the core protocol.</summary>
[JsonSerializable(typeof(NatsServerInfo))]
internal sealed partial class NatsJsonContext : JsonSerializerContext;
