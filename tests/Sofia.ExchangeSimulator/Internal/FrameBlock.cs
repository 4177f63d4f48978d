using System.Buffers;
using System.Buffers.Binary;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>
/// Complete, unmasked server WebSocket frames in one pooled buffer, shared by every connection that receives
/// them and returned to the pool when the last one has written it.
/// </summary>
internal sealed class FrameBlock
{
    public const byte Text = 0x1;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    private byte[] _buffer;
    private int _references = 1;

    public FrameBlock(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static FrameBlock Single(byte opcode, ReadOnlySpan<byte> payload)
    {
        var block = new FrameBlock(payload.Length + 10);
        block.Append(opcode, payload);
        return block;
    }

    /// <summary>Appends one final frame (FIN set) with the smallest length encoding, as RFC 6455 requires.</summary>
    public void Append(byte opcode, ReadOnlySpan<byte> payload)
    {
        Ensure(payload.Length + 10);
        var span = _buffer.AsSpan(Length);
        span[0] = (byte)(0x80 | opcode);
        int header;
        if (payload.Length < 126)
        {
            span[1] = (byte)payload.Length;
            header = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            span[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)payload.Length);
            header = 4;
        }
        else
        {
            span[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(span[2..], (ulong)payload.Length);
            header = 10;
        }

        payload.CopyTo(span[header..]);
        Length += header + payload.Length;
    }

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + extra));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
