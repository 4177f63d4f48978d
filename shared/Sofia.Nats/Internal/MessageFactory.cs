using System.Buffers;

namespace Sofia.Nats.Internal;

/// <summary>Turns a parsed MSG/HMSG into an owned <see cref="NatsMsg"/>.</summary>
internal static class MessageFactory
{
    /// <summary>
    /// Copies the payload and the reply subject (kept as bytes, so an ack writes them without a
    /// string) into one piece of <paramref name="arena"/>, or of a new array when there is none.
    /// </summary>
    public static NatsMsg Create(in ServerOp op, string subject, NatsConnection? connection, MessageArena? arena = null)
    {
        var headers = op.HeaderLength > 0 ? NatsHeaders.Parse(op.Headers) : null;
        var payload = op.Payload;
        var payloadLength = (int)payload.Length;
        var replyLength = op.ReplyTo.Length;
        var total = payloadLength + replyLength;
        if (total == 0)
        {
            return new NatsMsg(subject, ReadOnlyMemory<byte>.Empty, headers, default, connection);
        }

        var memory = arena?.Allocate(total) ?? new byte[total];
        payload.CopyTo(memory.Span);
        op.ReplyTo.Span.CopyTo(memory.Span[payloadLength..]);
        return new NatsMsg(subject, memory[payloadLength..], headers, payloadLength == 0 ? default : memory[..payloadLength], connection);
    }
}
