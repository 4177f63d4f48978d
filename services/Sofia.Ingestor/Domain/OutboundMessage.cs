namespace Sofia.Ingestor.Domain;

/// <summary>One message waiting for the bus: where it goes, its de-duplication id, its type, its bytes and when its trade arrived.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="MsgId">The Nats-Msg-Id; every message has one so that a re-send is free.</param>
/// <param name="MessageType">The protobuf type's full name (the Sofia-Type header), e.g. <c>sofia.v1.Tick</c>.</param>
/// <param name="Payload">The protobuf bytes.</param>
/// <param name="ReceivedTimestamp">The <see cref="TimeProvider"/> timestamp of arrival (ticks), for publish latency; 0 for events.</param>
internal readonly record struct OutboundMessage(string Subject, string MsgId, string MessageType, byte[] Payload, long ReceivedTimestamp)
{
    /// <summary>Whether this is a tick (counts toward publish latency).</summary>
    public bool IsTick => ReceivedTimestamp != 0;
}
