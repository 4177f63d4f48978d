using System.Text;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>
/// Headers that <see cref="NatsJsAsyncPublisher.PublishWithAckAsync(string, ReadOnlyMemory{byte}, string?, NatsJsAsyncPublisherHeaders?, CancellationToken)"/>
/// sends beside the msg id, e.g. a message type. They are validated and encoded once, so one instance shared by many
/// messages costs no allocation per message; it is immutable and safe to share between threads.
/// </summary>
public sealed class NatsJsAsyncPublisherHeaders
{
    private readonly byte[] _lines;

    /// <summary>Encodes <paramref name="headers"/> in order (a key may repeat).</summary>
    /// <exception cref="ArgumentException">A key or value NATS does not allow, or <c>Nats-Msg-Id</c> (pass it as the msg id).</exception>
    public NatsJsAsyncPublisherHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var validated = new NatsHeaders();
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, JsHeaders.MsgId, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("Pass the msg id as the msgId argument, not as a header.", nameof(headers));
            }

            validated.Add(key, value);
        }

        Entries = validated.Entries;
        var builder = new StringBuilder();
        foreach (var (key, value) in Entries)
        {
            builder.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        _lines = Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>One header, e.g. <c>("Sofia-Type", "sofia.v1.Tick")</c>.</summary>
    public NatsJsAsyncPublisherHeaders(string key, string value)
        : this([new KeyValuePair<string, string>(key, value)])
    {
    }

    /// <summary>The headers in the order they are sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; }

    /// <summary>Bytes at most of the block <c>NATS/1.0</c>, msg id line, these lines and the blank line.</summary>
    internal static int MaxBlockLength(string? msgId, NatsJsAsyncPublisherHeaders? headers) =>
        32 + (msgId is null ? 0 : Encoding.UTF8.GetMaxByteCount(msgId.Length)) + (headers?._lines.Length ?? 0);

    /// <summary>Writes <c>NATS/1.0\r\n[Nats-Msg-Id: ID\r\n]Key: Value\r\n…\r\n</c>; returns its length.</summary>
    internal static int WriteBlock(Span<byte> destination, string? msgId, NatsJsAsyncPublisherHeaders? headers)
    {
        "NATS/1.0\r\n"u8.CopyTo(destination);
        var n = 10;
        if (msgId is not null)
        {
            "Nats-Msg-Id: "u8.CopyTo(destination[n..]);
            n += 13;
            n += Encoding.UTF8.GetBytes(msgId, destination[n..]);
            "\r\n"u8.CopyTo(destination[n..]);
            n += 2;
        }

        if (headers is not null)
        {
            headers._lines.CopyTo(destination[n..]);
            n += headers._lines.Length;
        }

        "\r\n"u8.CopyTo(destination[n..]);
        return n + 2;
    }
}
