using System.Buffers;
using System.Buffers.Text;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>A reusable, growable UTF-8 buffer on pooled arrays for composing JSON by hand (field order and number formats exactly as each exchange writes them).</summary>
internal sealed class Utf8Writer : IDisposable
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000];
    private byte[] _buffer;

    public Utf8Writer(int capacity = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public Utf8Writer Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        Length += utf8.Length;
        return this;
    }

    public Utf8Writer Byte(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
        return this;
    }

    /// <summary>ASCII text without escaping (symbols, ids, fixed words).</summary>
    public Utf8Writer Ascii(string text)
    {
        var span = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        Length += text.Length;
        return this;
    }

    /// <summary>Text as a JSON string, escaping quotes, backslashes and control characters.</summary>
    public Utf8Writer JsonString(string text)
    {
        Byte((byte)'"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                Byte((byte)'\\').Byte((byte)c);
            }
            else if (c < 0x20)
            {
                Raw("\\u00"u8).Byte(HexDigit(c >> 4)).Byte(HexDigit(c & 0xF));
            }
            else if (c < 0x80)
            {
                Byte((byte)c);
            }
            else
            {
                var span = Reserve(4);
                Length += System.Text.Encoding.UTF8.GetBytes([c], span);
            }
        }

        return Byte((byte)'"');
    }

    public Utf8Writer Int64(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        Length += written;
        return this;
    }

    /// <summary>mantissa × 10^−scale with exactly <paramref name="digits"/> fraction digits (≥ scale): tick-size or padded formats.</summary>
    public Utf8Writer Decimal(long mantissa, int scale, int digits)
    {
        var whole = mantissa / Powers[scale];
        var fraction = (mantissa % Powers[scale]) * Powers[digits - scale];
        Int64(whole);
        if (digits > 0)
        {
            Byte((byte)'.');
            Utf8Formatter.TryFormat(fraction, Reserve(digits), out _, new StandardFormat('D', (byte)digits));
            Length += digits;
        }

        return this;
    }

    /// <summary>mantissa × 10^−scale without trailing fraction zeros ("0.5", "12").</summary>
    public Utf8Writer TrimmedDecimal(long mantissa, int scale)
    {
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return Decimal(mantissa, scale, scale);
    }

    /// <summary>RFC 3339 UTC time with microseconds: <c>2024-10-04T07:13:31.088388Z</c>.</summary>
    public Utf8Writer IsoTime(long epochMicros) => IsoTime(epochMicros, 'T', 6).Byte((byte)'Z');

    /// <summary>Date, separator, time and <paramref name="fractionDigits"/> fraction digits (up to 7: 100 ns ticks).</summary>
    public Utf8Writer IsoTime(long epochMicros, char separator, int fractionDigits)
    {
        var time = DateTime.UnixEpoch.AddTicks(epochMicros * 10);
        Utf8Formatter.TryFormat(time.Year, Reserve(4), out _, new StandardFormat('D', 4));
        Length += 4;
        Byte((byte)'-').Two(time.Month).Byte((byte)'-').Two(time.Day).Byte((byte)separator);
        Two(time.Hour).Byte((byte)':').Two(time.Minute).Byte((byte)':').Two(time.Second);
        if (fractionDigits > 0)
        {
            var ticks = time.Ticks % TimeSpan.TicksPerSecond;
            Byte((byte)'.');
            Utf8Formatter.TryFormat(ticks / Powers[7 - fractionDigits], Reserve(fractionDigits), out _, new StandardFormat('D', (byte)fractionDigits));
            Length += fractionDigits;
        }

        return this;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private Utf8Writer Two(int value)
    {
        var span = Reserve(2);
        span[0] = (byte)('0' + (value / 10));
        span[1] = (byte)('0' + (value % 10));
        Length += 2;
        return this;
    }

    private Span<byte> Reserve(int size)
    {
        if (Length + size > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + size));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(Length, size);
    }
}
