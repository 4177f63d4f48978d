namespace Sofia.Nats.JetStream;

/// <summary>A message an async publisher could not get acknowledged.</summary>
/// <param name="Subject">Its subject.</param>
/// <param name="MsgId">Its msg id, if it had one.</param>
/// <param name="Error">Why.</param>
public sealed record NatsJsPublishFailure(string Subject, string? MsgId, Exception Error);
