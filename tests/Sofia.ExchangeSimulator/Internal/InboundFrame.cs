namespace Sofia.ExchangeSimulator.Internal;

/// <summary>A complete inbound message (text or binary) or control frame, unmasked.</summary>
internal readonly record struct InboundFrame(byte Opcode, byte[] Payload);
