using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse;

/// <summary>
/// Appends rows in ClickHouse's RowBinary format to a pooled buffer that
/// <see cref="ClickHouseClient.InsertAsync{TRow}"/> streams to the server. Write each row's columns in the
/// insert's column order with the method that matches the column type (<c>UInt32</c> → <see cref="WriteUInt32"/>,
/// <c>Nullable(String)</c> → <see cref="WriteNullableString"/>, …); nothing is allocated per row.
/// </summary>
public sealed class ClickHouseBulkWriter
{
    private const int UnixEpochDayNumber = 719_162;
    private static readonly DateTime MaxDateTime = DateTime.UnixEpoch.AddSeconds(uint.MaxValue);

    private byte[] _buffer;
    private int _length;

    internal ClickHouseBulkWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    internal int Length => _length;

    internal ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Writes an <c>Int8</c>.</summary>
    public void WriteInt8(sbyte value) => Reserve(1)[0] = (byte)value;

    /// <summary>Writes an <c>Int16</c>.</summary>
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Reserve(2), value);

    /// <summary>Writes an <c>Int32</c>.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes an <c>Int64</c>.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a <c>UInt8</c>.</summary>
    public void WriteUInt8(byte value) => Reserve(1)[0] = value;

    /// <summary>Writes a <c>UInt16</c>.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    /// <summary>Writes a <c>UInt32</c>.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes a <c>UInt64</c>.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a <c>Float32</c>.</summary>
    public void WriteFloat32(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    /// <summary>Writes a <c>Float64</c>.</summary>
    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Writes a <c>String</c> as UTF-8.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    /// <summary>Writes a <c>String</c> as UTF-8.</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Writes a <c>String</c> from raw bytes (ClickHouse strings are byte strings; any bytes are kept as they are).</summary>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        WriteVarUInt((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Writes a <c>Date</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 1970-01-01 or after 2149-06-06.</exception>
    public void WriteDate(DateOnly value)
    {
        var days = value.DayNumber - UnixEpochDayNumber;
        if (days is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A ClickHouse Date is 1970-01-01 to 2149-06-06.");
        }

        WriteUInt16((ushort)days);
    }

    /// <summary>
    /// Writes a <c>DateTime</c> (whole seconds since the Unix epoch; the fraction is dropped). A <see cref="DateTimeKind.Local"/>
    /// value is converted to UTC; an unspecified kind is taken as UTC.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before 1970 or after 2106-02-07 06:28:15 UTC.</exception>
    public void WriteDateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        if (utc < DateTime.UnixEpoch || utc >= MaxDateTime.AddSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A ClickHouse DateTime is 1970-01-01 00:00:00 to 2106-02-07 06:28:15 UTC.");
        }

        WriteUInt32((uint)((utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond));
    }

    /// <summary>Writes a <c>Decimal(precision, scale)</c> exactly.</summary>
    /// <exception cref="ArgumentException">The value has more decimal places than <paramref name="scale"/> (it is never rounded).</exception>
    /// <exception cref="OverflowException">The value has more than precision − scale integer digits.</exception>
    public void WriteDecimal(decimal value, int precision, int scale)
    {
        var scaled = DecimalCodec.ToScaled(value, precision, scale);
        switch (DecimalCodec.SizeOf(precision, scale))
        {
            case 4:
                WriteInt32((int)scaled);
                break;
            case 8:
                WriteInt64((long)scaled);
                break;
            default:
                BinaryPrimitives.WriteInt128LittleEndian(Reserve(16), scaled);
                break;
        }
    }

    /// <summary>Writes NULL into a <c>Nullable(T)</c> column (no value follows).</summary>
    public void WriteNull() => WriteUInt8(1);

    /// <summary>Marks a <c>Nullable(T)</c> column as not NULL; write the value with T's method next.</summary>
    public void WriteNotNull() => WriteUInt8(0);

    /// <summary>Writes a <c>Nullable(String)</c>.</summary>
    public void WriteNullableString(string? value)
    {
        if (WriteNullFlag(value is null))
        {
            WriteString(value!);
        }
    }

    /// <summary>Writes a <c>Nullable(Int32)</c>.</summary>
    public void WriteNullableInt32(int? value)
    {
        if (WriteNullFlag(value is null))
        {
            WriteInt32(value.GetValueOrDefault());
        }
    }

    /// <summary>Writes a <c>Nullable(Int64)</c>.</summary>
    public void WriteNullableInt64(long? value)
    {
        if (WriteNullFlag(value is null))
        {
            WriteInt64(value.GetValueOrDefault());
        }
    }

    /// <summary>Writes a <c>Nullable(Float64)</c>.</summary>
    public void WriteNullableFloat64(double? value)
    {
        if (WriteNullFlag(value is null))
        {
            WriteFloat64(value.GetValueOrDefault());
        }
    }

    /// <summary>Writes a <c>Nullable(DateTime)</c>.</summary>
    public void WriteNullableDateTime(DateTime? value)
    {
        if (WriteNullFlag(value is null))
        {
            WriteDateTime(value.GetValueOrDefault());
        }
    }

    /// <summary>Writes a <c>Nullable(Decimal(precision, scale))</c>.</summary>
    public void WriteNullableDecimal(decimal? value, int precision, int scale)
    {
        if (WriteNullFlag(value is null))
        {
            WriteDecimal(value.GetValueOrDefault(), precision, scale);
        }
    }

    internal void Release()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal void Clear() => _length = 0;

    private bool WriteNullFlag(bool isNull)
    {
        WriteUInt8(isNull ? (byte)1 : (byte)0);
        return !isNull;
    }

    private void WriteVarUInt(uint value)
    {
        while (value >= 0x80)
        {
            WriteUInt8((byte)(value | 0x80));
            value >>= 7;
        }

        WriteUInt8((byte)value);
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void Grow(int count)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
