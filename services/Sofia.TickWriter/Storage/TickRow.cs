using Sofia.Nats.JetStream;
using Sofia.TickWriter.Domain;

namespace Sofia.TickWriter.Storage;

/// <summary>A decoded tick and the message it came in, acknowledged once the row is stored.</summary>
internal readonly record struct TickRow(NatsJsMsg Message, TickFields Fields);
