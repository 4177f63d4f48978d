using Sofia.MarketData;
using Sofia.Messaging;

namespace Sofia.TickWriter.Storage;

/// <summary>
/// A decoded tick (slices of the message's payload) and the message it came in, acknowledged once the tick is stored;
/// or a dead-lettered message, nothing to store, acknowledged with the batch it falls in.
/// </summary>
internal readonly record struct TickRow(IBusMessage Message, MarketTick Tick, bool DeadLettered = false);
