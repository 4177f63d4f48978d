using System.Diagnostics.Metrics;

namespace Sofia.Nats.Internal;

/// <summary>The "Sofia.Nats" meter; instruments cost nothing measurable when nobody listens.</summary>
internal static class NatsMetrics
{
    public const string MeterName = "Sofia.Nats";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> MessagesOut = Meter.CreateCounter<long>("sofia.nats.messages.out", "{message}", "Messages published.");
    public static readonly Counter<long> MessagesIn = Meter.CreateCounter<long>("sofia.nats.messages.in", "{message}", "Messages received.");
    public static readonly Counter<long> BytesOut = Meter.CreateCounter<long>("sofia.nats.bytes.out", "By", "Bytes written to the socket.");
    public static readonly Counter<long> BytesIn = Meter.CreateCounter<long>("sofia.nats.bytes.in", "By", "Bytes read from the socket.");
    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("sofia.nats.reconnects", "{reconnect}", "Connections re-established after a loss.");
    public static readonly Counter<long> DroppedMessages = Meter.CreateCounter<long>("sofia.nats.subscription.dropped", "{message}", "Messages dropped by full subscription buffers.");
    public static readonly UpDownCounter<long> PendingBytes = Meter.CreateUpDownCounter<long>("sofia.nats.pending.bytes", "By", "Bytes buffered for the socket, including publishes held during a reconnect.");
}
