using System.Text;

namespace Sofia.Nats.JetStream.Internal;

/// <summary>Writes the header block <c>NATS/1.0\r\nNats-Msg-Id: ID\r\n\r\n</c> without allocating.</summary>
internal static class MsgIdHeader
{
    public static int MaxLength(string msgId) => 32 + Encoding.UTF8.GetMaxByteCount(msgId.Length);

    public static int Write(Span<byte> destination, string msgId)
    {
        var prefix = "NATS/1.0\r\nNats-Msg-Id: "u8;
        prefix.CopyTo(destination);
        var n = prefix.Length;
        n += Encoding.UTF8.GetBytes(msgId, destination[n..]);
        "\r\n\r\n"u8.CopyTo(destination[n..]);
        return n + 4;
    }
}
