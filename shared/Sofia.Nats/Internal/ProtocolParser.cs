using System.Buffers;
using System.Buffers.Text;
using System.Numerics;

namespace Sofia.Nats.Internal;

/// <summary>
/// Parses server operations from a read buffer without allocating: control lines that span
/// segments are copied into a reused scratch buffer, everything else is sliced in place.
/// </summary>
internal sealed class ProtocolParser
{
    /// <summary>INFO can carry a long connect_urls list; anything longer than this is a broken stream.</summary>
    public const int MaxControlLine = 1024 * 1024;

    private byte[] _scratch = new byte[512];

    /// <summary>
    /// Reads one operation from the start of <paramref name="buffer"/>. Returns false when the
    /// buffer does not yet hold a complete operation; the buffer is then left unchanged.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out ServerOp op)
    {
        op = default;
        if (!TryReadLine(buffer, out var line, out var lineLength))
        {
            return false;
        }

        var span = line.Span;
        if (span.Length < 2)
        {
            throw Malformed(span);
        }

        switch (span[0] | 0x20)
        {
            case 'm':
                return TryReadMessage(ref buffer, line, lineLength, headers: false, out op);
            case 'h':
                return TryReadMessage(ref buffer, line, lineLength, headers: true, out op);
            case 'p':
                op = (span[1] | 0x20) switch
                {
                    'i' => new ServerOp(ServerOpKind.Ping, default),
                    'o' => new ServerOp(ServerOpKind.Pong, default),
                    _ => throw Malformed(span),
                };
                break;
            case '+':
                op = new ServerOp(ServerOpKind.Ok, default);
                break;
            case '-':
                op = new ServerOp(ServerOpKind.Err, TrimErrorText(line[Math.Min(4, line.Length)..]));
                break;
            case 'i':
                op = new ServerOp(ServerOpKind.Info, TrimSpaces(line[Math.Min(4, line.Length)..]));
                break;
            default:
                throw Malformed(span);
        }

        buffer = buffer.Slice(lineLength);
        return true;
    }

    private bool TryReadLine(in ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> line, out long lineLength)
    {
        var first = buffer.First;
        var newline = first.Span.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            line = first[..newline];
            lineLength = newline + 1;
        }
        else
        {
            var position = buffer.PositionOf((byte)'\n');
            if (position is null)
            {
                if (buffer.Length > MaxControlLine)
                {
                    throw new NatsProtocolException("Control line exceeds the maximum length.");
                }

                line = default;
                lineLength = 0;
                return false;
            }

            var lineSequence = buffer.Slice(0, position.Value);
            var length = (int)lineSequence.Length;
            if (_scratch.Length < length)
            {
                _scratch = new byte[BitOperations.RoundUpToPowerOf2((uint)length)];
            }

            lineSequence.CopyTo(_scratch);
            line = _scratch.AsMemory(0, length);
            lineLength = length + 1;
        }

        if (line.Length > 0 && line.Span[^1] == '\r')
        {
            line = line[..^1];
        }

        return true;
    }

    private static bool TryReadMessage(
        ref ReadOnlySequence<byte> buffer,
        ReadOnlyMemory<byte> line,
        long lineLength,
        bool headers,
        out ServerOp op)
    {
        op = default;
        var opLength = headers ? 4 : 3;
        Span<Range> args = stackalloc Range[6];
        var count = Split(line.Span[opLength..], args);
        var expected = headers ? 4 : 3;
        if (count != expected && count != expected + 1)
        {
            throw Malformed(line.Span);
        }

        var rest = line[opLength..];
        var subject = rest[args[0]];
        var sid = ParseNumber(rest.Span[args[1]], line.Span);
        var replyTo = count == expected + 1 ? rest[args[2]] : default;
        var headerLength = headers ? ParseNumber(rest.Span[args[count - 2]], line.Span) : 0;
        var totalLength = ParseNumber(rest.Span[args[count - 1]], line.Span);
        if (headerLength > totalLength || totalLength > int.MaxValue)
        {
            throw Malformed(line.Span);
        }

        var end = lineLength + totalLength + 2;
        if (buffer.Length < end)
        {
            return false;
        }

        var body = buffer.Slice(lineLength, totalLength);
        var terminator = buffer.Slice(lineLength + totalLength, 2);
        if (FirstByte(terminator) != '\r')
        {
            throw new NatsProtocolException("Message payload is not followed by CRLF.");
        }

        op = new ServerOp(headers ? ServerOpKind.HMsg : ServerOpKind.Msg, subject, sid, replyTo, (int)headerLength, body);
        buffer = buffer.Slice(end);
        return true;
    }

    private static byte FirstByte(in ReadOnlySequence<byte> sequence) =>
        sequence.First.Length > 0 ? sequence.First.Span[0] : sequence.Slice(0, 1).ToArray()[0];

    /// <summary>Splits on spaces and tabs; returns how many arguments were found (at most the span's length).</summary>
    internal static int Split(ReadOnlySpan<byte> text, Span<Range> args)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var start = i;
            while (i < text.Length && !IsSpace(text[i]))
            {
                i++;
            }

            if (count == args.Length)
            {
                return count + 1;
            }

            args[count++] = new Range(start, i);
        }

        return count;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t';

    private static long ParseNumber(ReadOnlySpan<byte> digits, ReadOnlySpan<byte> line)
    {
        if (!Utf8Parser.TryParse(digits, out long value, out var consumed) || consumed != digits.Length || value < 0)
        {
            throw Malformed(line);
        }

        return value;
    }

    private static ReadOnlyMemory<byte> TrimSpaces(ReadOnlyMemory<byte> text)
    {
        var span = text.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && IsSpace(span[start]))
        {
            start++;
        }

        while (end > start && IsSpace(span[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static ReadOnlyMemory<byte> TrimErrorText(ReadOnlyMemory<byte> text)
    {
        text = TrimSpaces(text);
        var span = text.Span;
        if (span.Length >= 2 && span[0] == '\'' && span[^1] == '\'')
        {
            return text[1..^1];
        }

        return text;
    }

    private static NatsProtocolException Malformed(ReadOnlySpan<byte> line)
    {
        var shown = line.Length > 128 ? line[..128] : line;
        return new NatsProtocolException($"Malformed protocol line: {System.Text.Encoding.ASCII.GetString(shown)}");
    }
}
