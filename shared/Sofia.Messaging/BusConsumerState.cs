namespace Sofia.Messaging;

/// <summary>How far behind a durable consumer is.</summary>
/// <param name="Pending">Messages in the stream not yet delivered to it.</param>
/// <param name="AckPending">Delivered and not yet acked.</param>
/// <param name="Redelivered">Messages delivered more than once and still unacked.</param>
public readonly record struct BusConsumerState(ulong Pending, long AckPending, long Redelivered);
