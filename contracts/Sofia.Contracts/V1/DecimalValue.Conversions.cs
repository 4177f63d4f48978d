namespace Sofia.Contracts.V1;

/// <summary>Exact conversion between the wire decimal and C# <see cref="decimal"/>.</summary>
public sealed partial class DecimalValue
{
    private const int MaxScale = 28;

    /// <summary>The exact C# value.</summary>
    public decimal ToDecimal()
    {
        if (Scale > MaxScale)
        {
            throw new OverflowException($"DecimalValue scale {Scale} exceeds {MaxScale}.");
        }

        var negative = Mantissa < 0;
        var magnitude = negative ? (ulong)-(Mantissa + 1) + 1 : (ulong)Mantissa;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)Scale);
    }

    /// <summary>Creates the wire form of a C# decimal, dropping trailing zeros only when the mantissa would not fit 64 bits.</summary>
    public static DecimalValue FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        while (true)
        {
            decimal.GetBits(value, bits);
            var high = (uint)bits[2];
            var magnitude = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            var scale = (bits[3] >> 16) & 0xFF;
            var negative = bits[3] < 0;
            if (high == 0 && magnitude <= long.MaxValue)
            {
                var mantissa = negative ? -(long)magnitude : (long)magnitude;
                return new DecimalValue { Mantissa = mantissa, Scale = (uint)scale };
            }

            var reduced = scale == 0 ? value : decimal.Round(value, scale - 1);
            if (scale == 0 || reduced != value)
            {
                throw new OverflowException($"{value} has more than 18 significant digits.");
            }

            value = reduced;
        }
    }

    /// <summary>Parses decimal text such as <c>67250.10</c> or <c>-0.001</c> exactly, keeping its scale.</summary>
    public static DecimalValue Parse(ReadOnlySpan<byte> utf8)
    {
        if (!TryParse(utf8, out var mantissa, out var scale))
        {
            throw new FormatException($"'{System.Text.Encoding.UTF8.GetString(utf8)}' is not a decimal number.");
        }

        return new DecimalValue { Mantissa = mantissa, Scale = scale };
    }

    /// <summary>Parses decimal text into mantissa and scale without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long mantissa, out uint scale)
    {
        mantissa = 0;
        scale = 0;
        if (utf8.IsEmpty)
        {
            return false;
        }

        var negative = utf8[0] == (byte)'-';
        var digits = negative || utf8[0] == (byte)'+' ? utf8[1..] : utf8;
        var dot = digits.IndexOf((byte)'.');
        var integerPart = dot < 0 ? digits : digits[..dot];
        var fractionPart = dot < 0 ? [] : digits[(dot + 1)..];
        if (integerPart.IsEmpty && fractionPart.IsEmpty)
        {
            return false;
        }

        ulong value = 0;
        if (!Accumulate(integerPart, ref value) || !Accumulate(fractionPart, ref value) || value > long.MaxValue
            || fractionPart.Length > MaxScale)
        {
            return false;
        }

        mantissa = negative ? -(long)value : (long)value;
        scale = (uint)fractionPart.Length;
        return true;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out long, out uint)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out long mantissa, out uint scale)
    {
        Span<byte> utf8 = stackalloc byte[64];
        if (text.Length > utf8.Length || System.Text.Encoding.UTF8.GetBytes(text, utf8) != text.Length)
        {
            mantissa = 0;
            scale = 0;
            return false;
        }

        return TryParse(utf8[..text.Length], out mantissa, out scale);
    }

    /// <summary>Implicit conversion so contract fields read as plain decimals.</summary>
    public static implicit operator decimal(DecimalValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.ToDecimal();
    }

    /// <summary>Implicit conversion so plain decimals assign to contract fields.</summary>
    public static implicit operator DecimalValue(decimal value) => FromDecimal(value);

    private static bool Accumulate(ReadOnlySpan<byte> digits, ref ulong value)
    {
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
