namespace Sofia.Messaging;

/// <summary>A message to publish.</summary>
/// <param name="Subject">Concrete subject (no wildcards).</param>
/// <param name="Data">Payload, usually a protobuf message.</param>
/// <param name="MessageId">De-duplication id (the <c>Nats-Msg-Id</c> header); null publishes without one.</param>
/// <param name="MessageType">Payload type name (the <c>Sofia-Type</c> header), e.g. <c>sofia.v1.Tick</c>.</param>
public readonly record struct BusEnvelope(string Subject, ReadOnlyMemory<byte> Data, string? MessageId, string? MessageType)
{
    /// <summary>Further headers (e.g. the dead-letter headers of <see cref="BusHeaders"/>); null for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }
}
