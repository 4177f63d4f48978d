namespace Sofia.Nats.JetStream;

/// <summary>The ack of one message sent through <c>NatsJsAsyncPublisher.PublishWithAckAsync</c>, without allocation.</summary>
/// <param name="Sequence">Its stream sequence.</param>
/// <param name="Duplicate">Whether the msg id was seen before, so the message was not stored again.</param>
/// <param name="Stream">The stream that stored it (one string per stream, not per ack).</param>
public readonly record struct NatsJsPublishAck(ulong Sequence, bool Duplicate, string Stream = "");
