namespace Sofia.Nats.JetStream;

/// <summary>The ack of one message sent through <see cref="NatsJsAsyncPublisher.PublishWithAckAsync"/>, without allocation.</summary>
/// <param name="Sequence">Its stream sequence.</param>
/// <param name="Duplicate">Whether the msg id was seen before, so the message was not stored again.</param>
public readonly record struct NatsJsPublishAck(ulong Sequence, bool Duplicate);
