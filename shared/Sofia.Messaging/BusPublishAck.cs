namespace Sofia.Messaging;

/// <summary>The bus's acknowledgement of a stored (or recognised duplicate) message.</summary>
/// <param name="Stream">Stream that stored it.</param>
/// <param name="Sequence">Its stream sequence (the original's sequence for a duplicate).</param>
/// <param name="Duplicate">True when the message id was seen inside the duplicate window.</param>
public readonly record struct BusPublishAck(string Stream, ulong Sequence, bool Duplicate);
