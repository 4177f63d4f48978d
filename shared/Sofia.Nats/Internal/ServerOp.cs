using System.Buffers;

namespace Sofia.Nats.Internal;

/// <summary>
/// One parsed server operation. Its memory points into the read buffer (or the parser's scratch
/// buffer) and is valid only until the next parse or until the reader advances.
/// </summary>
internal readonly struct ServerOp
{
    public ServerOp(ServerOpKind kind, ReadOnlyMemory<byte> text)
    {
        Kind = kind;
        Text = text;
    }

    public ServerOp(
        ServerOpKind kind,
        ReadOnlyMemory<byte> subject,
        long sid,
        ReadOnlyMemory<byte> replyTo,
        int headerLength,
        ReadOnlySequence<byte> body)
    {
        Kind = kind;
        Subject = subject;
        Sid = sid;
        ReplyTo = replyTo;
        HeaderLength = headerLength;
        Body = body;
    }

    public ServerOpKind Kind { get; }

    /// <summary>INFO JSON or the -ERR message (without quotes).</summary>
    public ReadOnlyMemory<byte> Text { get; }

    public ReadOnlyMemory<byte> Subject { get; }

    public long Sid { get; }

    public ReadOnlyMemory<byte> ReplyTo { get; }

    /// <summary>Length of the header block at the start of <see cref="Body"/>; 0 for MSG.</summary>
    public int HeaderLength { get; }

    /// <summary>Header block followed by the payload.</summary>
    public ReadOnlySequence<byte> Body { get; }

    public ReadOnlySequence<byte> Headers => Body.Slice(0, HeaderLength);

    public ReadOnlySequence<byte> Payload => Body.Slice(HeaderLength);
}
