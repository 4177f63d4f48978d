using System.Buffers;
using System.Text;

namespace Sofia.Nats.Internal;

/// <summary>Turns a parsed MSG/HMSG into an owned <see cref="NatsMsg"/>.</summary>
internal static class MessageFactory
{
    public static NatsMsg Create(in ServerOp op, string subject, NatsConnection connection)
    {
        var replyTo = op.ReplyTo.IsEmpty ? null : Encoding.UTF8.GetString(op.ReplyTo.Span);
        var headers = op.HeaderLength > 0 ? NatsHeaders.Parse(op.Headers) : null;
        var payload = op.Payload;
        ReadOnlyMemory<byte> data = payload.IsEmpty ? default : payload.ToArray();
        return new NatsMsg(subject, replyTo, headers, data, connection);
    }
}
