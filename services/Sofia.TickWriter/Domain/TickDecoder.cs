namespace Sofia.TickWriter.Domain;

/// <summary>
/// Reads a <c>sofia.v1.Tick</c> straight from the protobuf wire format (no message objects, no strings)
/// and checks what storage needs. A tick that fails is a poison message; the reason says why.
/// </summary>
internal static class TickDecoder
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    /// <summary>The latest trade time a ClickHouse DateTime holds (2106-02-07), in microseconds.</summary>
    private const long MaxTimeUs = uint.MaxValue * 1_000_000L;

    private static readonly Int128[] PowersOfTen = CreatePowersOfTen();

    public static bool TryDecode(ReadOnlySpan<byte> payload, out TickFields tick, out string? error)
    {
        tick = default;
        error = Read(payload, out tick);
        return error is null;
    }

    private static string? Read(ReadOnlySpan<byte> data, out TickFields tick)
    {
        tick = default;
        Range exchange = default, symbol = default, tradeId = default;
        Int128 price = 0, quantity = 0;
        bool hasPrice = false, hasQuantity = false;
        long side = 0, exchangeTime = 0, receiveTime = 0;
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var key) || key >> 3 is 0 or > int.MaxValue)
            {
                return "malformed protobuf: bad field key";
            }

            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            if (wireType == LengthDelimited)
            {
                if (!TryReadLength(data, ref position, out var start, out var length))
                {
                    return "malformed protobuf: length past the end";
                }

                var span = data.Slice(start, length);
                string? failure = null;
                switch (field)
                {
                    case 1: exchange = new Range(start, start + length); break;
                    case 2: symbol = new Range(start, start + length); break;
                    case 3:
                        failure = ReadDecimal(span, "price", out price);
                        hasPrice = true;
                        break;
                    case 4:
                        failure = ReadDecimal(span, "quantity", out quantity);
                        hasQuantity = true;
                        break;
                    case 6: tradeId = new Range(start, start + length); break;
                    default: break;
                }

                if (failure is not null)
                {
                    return failure;
                }
            }
            else if (wireType == Varint)
            {
                if (!TryReadVarint(data, ref position, out var value))
                {
                    return "malformed protobuf: truncated varint";
                }

                switch (field)
                {
                    case 5: side = (long)value; break;
                    case 7: exchangeTime = (long)value; break;
                    case 8: receiveTime = (long)value; break;
                    default: break;
                }
            }
            else if (!TrySkip(data, ref position, wireType))
            {
                return "malformed protobuf: unknown wire type or truncated field";
            }
        }

        var missing = exchange.End.Value == exchange.Start.Value ? "exchange"
            : symbol.End.Value == symbol.Start.Value ? "symbol"
            : tradeId.End.Value == tradeId.Start.Value ? "trade_id"
            : null;
        if (missing is not null)
        {
            return $"{missing} is empty";
        }

        if (!hasPrice || price <= 0)
        {
            return hasPrice ? "price must be positive" : "price is missing";
        }

        if (!hasQuantity || quantity <= 0)
        {
            return hasQuantity ? "quantity must be positive" : "quantity is missing";
        }

        if (side is < 0 or > 2)
        {
            return $"aggressor_side {side} is not a known side";
        }

        if (exchangeTime <= 0 || exchangeTime > MaxTimeUs)
        {
            return $"exchange_time_us {exchangeTime} is not a time between 1970 and 2106";
        }

        tick = new TickFields(exchange, symbol, tradeId, price, quantity, (byte)side, exchangeTime, receiveTime);
        return null;
    }

    private static string? ReadDecimal(ReadOnlySpan<byte> data, string name, out Int128 scaled)
    {
        scaled = 0;
        ulong mantissaBits = 0, scale = 0;
        var position = 0;
        while (position < data.Length)
        {
            if (!TryReadVarint(data, ref position, out var key))
            {
                return $"malformed protobuf in {name}";
            }

            var wireType = (int)(key & 7);
            if (wireType == Varint)
            {
                if (!TryReadVarint(data, ref position, out var value))
                {
                    return $"malformed protobuf in {name}";
                }

                if (key >> 3 == 1)
                {
                    mantissaBits = value;
                }
                else if (key >> 3 == 2)
                {
                    scale = value;
                }
            }
            else if (!TrySkip(data, ref position, wireType))
            {
                return $"malformed protobuf in {name}";
            }
        }

        // sint64 is zig-zag encoded.
        var mantissa = (long)(mantissaBits >> 1) ^ -(long)(mantissaBits & 1);
        while (scale > TickFields.Scale && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        if (scale > TickFields.Scale)
        {
            return $"{name} has more than {TickFields.Scale} decimal places";
        }

        scaled = mantissa * PowersOfTen[TickFields.Scale - (int)scale];
        return null;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> data, ref int position, out int start, out int length)
    {
        start = 0;
        length = 0;
        if (!TryReadVarint(data, ref position, out var value) || value > (ulong)(data.Length - position))
        {
            return false;
        }

        start = position;
        length = (int)value;
        position += length;
        return true;
    }

    private static bool TrySkip(ReadOnlySpan<byte> data, ref int position, int wireType)
    {
        switch (wireType)
        {
            case Varint:
                return TryReadVarint(data, ref position, out _);
            case Fixed64 when data.Length - position >= 8:
                position += 8;
                return true;
            case Fixed32 when data.Length - position >= 4:
                position += 4;
                return true;
            case LengthDelimited:
                return TryReadLength(data, ref position, out _, out _);
            default:
                return false;
        }
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private static Int128[] CreatePowersOfTen()
    {
        var powers = new Int128[TickFields.Scale + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
