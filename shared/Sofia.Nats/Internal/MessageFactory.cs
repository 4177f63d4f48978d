using System.Buffers;

namespace Sofia.Nats.Internal;

/// <summary>Turns a parsed MSG/HMSG into an owned <see cref="NatsMsg"/>.</summary>
internal static class MessageFactory
{
    /// <summary>
    /// Copies the payload, the reply subject (kept as bytes, so an ack writes them without a string) and the header
    /// block (parsed only when read) into one piece of <paramref name="arena"/>, or of a new array when there is none.
    /// </summary>
    public static NatsMsg Create(in ServerOp op, string subject, NatsConnection? connection, MessageArena? arena = null)
    {
        var payload = op.Payload;
        var payloadLength = (int)payload.Length;
        var replyLength = op.ReplyTo.Length;
        var headerLength = op.HeaderLength > 0 ? (int)op.Headers.Length : 0;
        var total = payloadLength + replyLength + headerLength;
        if (total == 0)
        {
            return new NatsMsg(subject, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, connection);
        }

        var memory = arena?.Allocate(total) ?? new byte[total];
        payload.CopyTo(memory.Span);
        op.ReplyTo.Span.CopyTo(memory.Span[payloadLength..]);
        var headerStart = payloadLength + replyLength;
        if (headerLength > 0)
        {
            op.Headers.CopyTo(memory.Span[headerStart..]);
        }

        return new NatsMsg(
            subject,
            memory[payloadLength..headerStart],
            memory[headerStart..],
            payloadLength == 0 ? default : memory[..payloadLength],
            connection);
    }
}
