namespace Sofia.Nats.JetStream.Internal;

/// <summary>What the read loop hands to a pull consumer's loop, in arrival order.</summary>
internal readonly record struct PullEvent(PullEventKind Kind, NatsJsMsg Msg, long RequestId, int Status, Exception? Error);
