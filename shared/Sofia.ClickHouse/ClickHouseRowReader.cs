using System.Buffers.Binary;
using System.Text;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse;

/// <summary>
/// Reads the columns of one RowBinary row, in the order the query selects them, with the getter that
/// matches each column's ClickHouse type (<c>Int64</c> → <see cref="ReadInt64"/>, <c>Nullable(String)</c> →
/// <see cref="ReadNullableString"/>, …). RowBinary carries no types, so a getter of the wrong width reads
/// garbage: keep the mapper in step with the SELECT list, casting in SQL where needed.
/// One instance serves a whole query; it is valid only inside the mapper call.
/// </summary>
/// <remarks>
/// When a row crosses the end of the receive buffer the getters return defaults, more of the response is
/// read, and the mapper runs again for that row: a mapper must be a pure function of the row.
/// </remarks>
public sealed class ClickHouseRowReader
{
    private const int UnixEpochDayNumber = 719_162;

    private byte[] _buffer = [];
    private int _position;
    private int _end;

    internal ClickHouseRowReader()
    {
    }

    internal int Position => _position;

    internal bool IsStarved { get; private set; }

    /// <summary>Reads an <c>Int8</c>.</summary>
    public sbyte ReadInt8() => TryTake(1, out var start) ? (sbyte)_buffer[start] : default;

    /// <summary>Reads an <c>Int16</c>.</summary>
    public short ReadInt16() => TryTake(2, out var start) ? BinaryPrimitives.ReadInt16LittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads an <c>Int32</c>.</summary>
    public int ReadInt32() => TryTake(4, out var start) ? BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads an <c>Int64</c>.</summary>
    public long ReadInt64() => TryTake(8, out var start) ? BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads a <c>UInt8</c> (also the 0/1 of a boolean expression).</summary>
    public byte ReadUInt8() => TryTake(1, out var start) ? _buffer[start] : default;

    /// <summary>Reads a <c>UInt16</c>.</summary>
    public ushort ReadUInt16() => TryTake(2, out var start) ? BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads a <c>UInt32</c>.</summary>
    public uint ReadUInt32() => TryTake(4, out var start) ? BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads a <c>UInt64</c>.</summary>
    public ulong ReadUInt64() => TryTake(8, out var start) ? BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads a <c>Float32</c>.</summary>
    public float ReadFloat32() => TryTake(4, out var start) ? BinaryPrimitives.ReadSingleLittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads a <c>Float64</c>.</summary>
    public double ReadFloat64() => TryTake(8, out var start) ? BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(start)) : default;

    /// <summary>Reads a <c>String</c> as UTF-8 text (invalid UTF-8 becomes U+FFFD; use <see cref="ReadStringBytes"/> for raw bytes).</summary>
    public string ReadString()
    {
        var bytes = ReadStringBytes();
        return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a <c>String</c>'s raw bytes without allocating; the span is valid until the mapper returns.</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        var length = ReadVarUInt();
        if (IsStarved)
        {
            return default;
        }

        if (length > RowBinaryResponse.MaxRowBytes)
        {
            throw new ClickHouseException(
                $"A string of {length} bytes exceeds the {RowBinaryResponse.MaxRowBytes}-byte row limit: is the mapper reading the columns with their types?");
        }

        return TryTake((int)length, out var start) ? _buffer.AsSpan(start, (int)length) : default;
    }

    /// <summary>Reads a <c>Date</c> (days since 1970-01-01).</summary>
    public DateOnly ReadDate() => DateOnly.FromDayNumber(UnixEpochDayNumber + ReadUInt16());

    /// <summary>Reads a <c>DateTime</c> (seconds since the Unix epoch) as a UTC <see cref="DateTime"/>, whatever the server's time zone.</summary>
    public DateTime ReadDateTime() => DateTime.UnixEpoch.AddSeconds(ReadUInt32());

    /// <summary>Reads a <c>Decimal(precision, scale)</c> exactly.</summary>
    /// <exception cref="OverflowException">The value has no exact <see cref="decimal"/> (over 28 significant decimal places or 96 bits).</exception>
    public decimal ReadDecimal(int precision, int scale)
    {
        Int128 scaled = DecimalCodec.SizeOf(precision, scale) switch
        {
            4 => ReadInt32(),
            8 => ReadInt64(),
            _ => TryTake(16, out var start) ? BinaryPrimitives.ReadInt128LittleEndian(_buffer.AsSpan(start)) : default,
        };
        return IsStarved ? default : DecimalCodec.FromScaled(scaled, scale);
    }

    /// <summary>
    /// Reads the null flag of a <c>Nullable(T)</c> column: true when the value is NULL (nothing follows);
    /// false when the value follows, to be read with T's getter.
    /// </summary>
    public bool ReadNull() => ReadUInt8() != 0;

    /// <summary>Reads a <c>Nullable(String)</c>.</summary>
    public string? ReadNullableString() => ReadNull() ? null : ReadString();

    /// <summary>Reads a <c>Nullable(Int32)</c>.</summary>
    public int? ReadNullableInt32() => ReadNull() ? null : ReadInt32();

    /// <summary>Reads a <c>Nullable(Int64)</c>.</summary>
    public long? ReadNullableInt64() => ReadNull() ? null : ReadInt64();

    /// <summary>Reads a <c>Nullable(Float64)</c>.</summary>
    public double? ReadNullableFloat64() => ReadNull() ? null : ReadFloat64();

    /// <summary>Reads a <c>Nullable(DateTime)</c> as UTC.</summary>
    public DateTime? ReadNullableDateTime() => ReadNull() ? null : ReadDateTime();

    /// <summary>Reads a <c>Nullable(Decimal(precision, scale))</c>.</summary>
    public decimal? ReadNullableDecimal(int precision, int scale) => ReadNull() ? null : ReadDecimal(precision, scale);

    internal void Reset(byte[] buffer, int start, int end)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
        IsStarved = false;
    }

    private bool TryTake(int count, out int start)
    {
        start = _position;
        if (IsStarved || _end - _position < count)
        {
            IsStarved = true;
            return false;
        }

        _position += count;
        return true;
    }

    private ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!TryTake(1, out var start))
            {
                return 0;
            }

            var b = _buffer[start];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new ClickHouseException("A RowBinary length runs over 10 bytes: is the mapper reading the columns with their types?");
    }
}
