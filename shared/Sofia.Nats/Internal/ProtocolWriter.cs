using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Sofia.Nats.Internal;

/// <summary>Formats client commands straight into a buffer.</summary>
internal static class ProtocolWriter
{
    private const int MaxNumberLength = 20;

    public static void WritePing(IBufferWriter<byte> writer) => Write(writer, "PING\r\n"u8);

    public static void WritePong(IBufferWriter<byte> writer) => Write(writer, "PONG\r\n"u8);

    /// <summary>PUB or HPUB (when there are headers) with a string reply subject.</summary>
    public static void WritePublish(
        IBufferWriter<byte> writer,
        string subject,
        string? replyTo,
        NatsHeaders? headers,
        ReadOnlySpan<byte> payload)
    {
        var headerLength = headers?.GetSerializedLength() ?? 0;
        var replyMax = replyTo is null ? 0 : Encoding.UTF8.GetMaxByteCount(replyTo.Length) + 1;
        var max = 6 + Encoding.UTF8.GetMaxByteCount(subject.Length) + replyMax + (2 * MaxNumberLength) + 4
            + headerLength + payload.Length + 2;
        var span = writer.GetSpan(max);
        var n = WriteVerb(span, headers is not null);
        n += Encoding.UTF8.GetBytes(subject, span[n..]);
        span[n++] = (byte)' ';
        if (replyTo is not null)
        {
            n += Encoding.UTF8.GetBytes(replyTo, span[n..]);
            span[n++] = (byte)' ';
        }

        n += WriteSizesAndBody(span[n..], headers, headerLength, [], payload);
        writer.Advance(n);
    }

    /// <summary>
    /// PUB or HPUB whose reply subject is <paramref name="replyPrefix"/> followed by a number, with
    /// headers already serialized (or empty): the allocation-free path for requests and JetStream acks.
    /// </summary>
    public static void WritePublish(
        IBufferWriter<byte> writer,
        ReadOnlySpan<byte> subject,
        ReadOnlySpan<byte> replyPrefix,
        long replyToken,
        ReadOnlySpan<byte> rawHeaders,
        ReadOnlySpan<byte> payload)
    {
        var max = 6 + subject.Length + replyPrefix.Length + MaxNumberLength + 1 + (2 * MaxNumberLength) + 4
            + rawHeaders.Length + payload.Length + 2;
        var span = writer.GetSpan(max);
        var n = WriteVerb(span, !rawHeaders.IsEmpty);
        subject.CopyTo(span[n..]);
        n += subject.Length;
        span[n++] = (byte)' ';
        if (!replyPrefix.IsEmpty)
        {
            replyPrefix.CopyTo(span[n..]);
            n += replyPrefix.Length;
            if (replyToken >= 0)
            {
                n += WriteNumber(span[n..], replyToken);
            }

            span[n++] = (byte)' ';
        }

        n += WriteSizesAndBody(span[n..], null, rawHeaders.Length, rawHeaders, payload);
        writer.Advance(n);
    }

    public static void WriteSubscribe(IBufferWriter<byte> writer, string subject, string? queueGroup, long sid)
    {
        var max = 4 + Encoding.UTF8.GetMaxByteCount(subject.Length) + 1
            + (queueGroup is null ? 0 : Encoding.UTF8.GetMaxByteCount(queueGroup.Length) + 1) + MaxNumberLength + 2;
        var span = writer.GetSpan(max);
        "SUB "u8.CopyTo(span);
        var n = 4;
        n += Encoding.UTF8.GetBytes(subject, span[n..]);
        span[n++] = (byte)' ';
        if (queueGroup is not null)
        {
            n += Encoding.UTF8.GetBytes(queueGroup, span[n..]);
            span[n++] = (byte)' ';
        }

        n += WriteNumber(span[n..], sid);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        writer.Advance(n);
    }

    /// <summary>UNSUB; with <paramref name="maxMessages"/> above 0 the server removes the subscription after that many more messages.</summary>
    public static void WriteUnsubscribe(IBufferWriter<byte> writer, long sid, long maxMessages)
    {
        var span = writer.GetSpan(6 + (2 * MaxNumberLength) + 3);
        "UNSUB "u8.CopyTo(span);
        var n = 6;
        n += WriteNumber(span[n..], sid);
        if (maxMessages > 0)
        {
            span[n++] = (byte)' ';
            n += WriteNumber(span[n..], maxMessages);
        }

        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        writer.Advance(n);
    }

    public static void WriteConnect(IBufferWriter<byte> writer, ReadOnlySpan<byte> json)
    {
        Write(writer, "CONNECT "u8);
        Write(writer, json);
        Write(writer, "\r\n"u8);
    }

    public static int WriteNumber(Span<byte> destination, long value)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    private static int WriteVerb(Span<byte> span, bool headers)
    {
        if (headers)
        {
            "HPUB "u8.CopyTo(span);
            return 5;
        }

        "PUB "u8.CopyTo(span);
        return 4;
    }

    private static int WriteSizesAndBody(
        Span<byte> span,
        NatsHeaders? headers,
        int headerLength,
        ReadOnlySpan<byte> rawHeaders,
        ReadOnlySpan<byte> payload)
    {
        var n = 0;
        if (headerLength > 0)
        {
            n += WriteNumber(span, headerLength);
            span[n++] = (byte)' ';
        }

        n += WriteNumber(span[n..], headerLength + payload.Length);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        if (headers is not null)
        {
            n += headers.WriteTo(span[n..]);
        }
        else if (!rawHeaders.IsEmpty)
        {
            rawHeaders.CopyTo(span[n..]);
            n += rawHeaders.Length;
        }

        payload.CopyTo(span[n..]);
        n += payload.Length;
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        return n;
    }

    private static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }
}
