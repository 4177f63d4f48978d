namespace Sofia.Contracts;

/// <summary>NATS header names Sofia sets on every message.</summary>
public static class MessageHeaders
{
    /// <summary>JetStream de-duplication id; for ticks <c>{exchange}:{symbol}:{tradeId}</c>.</summary>
    public const string MessageId = "Nats-Msg-Id";

    /// <summary>The protobuf message type's full name, e.g. <c>sofia.v1.Tick</c>.</summary>
    public const string MessageType = "Sofia-Type";

    /// <summary>The de-duplication id of a tick.</summary>
    public static string TickMessageId(string exchange, string symbol, string tradeId) => $"{exchange}:{symbol}:{tradeId}";
}
