namespace Sofia.ClickHouse.Internal;

/// <summary>
/// Exact conversion between <see cref="decimal"/> and ClickHouse <c>Decimal(P, S)</c>: an integer scaled by
/// 10^S, stored in 4 bytes for P ≤ 9, 8 bytes for P ≤ 18 and 16 bytes for P ≤ 38. Nothing is ever rounded:
/// a value that does not fit is an error.
/// </summary>
internal static class DecimalCodec
{
    public const int MaxPrecision = 38;
    private const int MaxDecimalScale = 28;
    private static readonly UInt128 NinetySixBits = UInt128.One << 96;
    private static readonly UInt128[] PowersOfTen = CreatePowersOfTen();

    /// <summary>The storage size in bytes of <c>Decimal(precision, scale)</c>.</summary>
    public static int SizeOf(int precision, int scale)
    {
        Validate(precision, scale);
        return precision switch
        {
            <= 9 => 4,
            <= 18 => 8,
            _ => 16,
        };
    }

    /// <summary>The scaled integer for <paramref name="value"/>, checked against 10^precision.</summary>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places.</exception>
    /// <exception cref="OverflowException">The value has more than precision − scale integer digits.</exception>
    public static Int128 ToScaled(decimal value, int precision, int scale)
    {
        Validate(precision, scale);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var valueScale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;

        if (valueScale > scale)
        {
            var divisor = PowersOfTen[valueScale - scale];
            var remainder = mantissa % divisor;
            if (remainder != UInt128.Zero)
            {
                throw new ArgumentException(
                    $"The value {value} has more than {scale} decimal places and would be rounded for Decimal({precision}, {scale}).",
                    nameof(value));
            }

            mantissa /= divisor;
        }
        else if (valueScale < scale)
        {
            var factor = PowersOfTen[scale - valueScale];
            if (mantissa > PowersOfTen[precision] / factor)
            {
                throw Overflow(value, precision, scale);
            }

            mantissa *= factor;
        }

        if (mantissa >= PowersOfTen[precision])
        {
            throw Overflow(value, precision, scale);
        }

        var scaled = (Int128)mantissa;
        return negative ? -scaled : scaled;
    }

    /// <summary>The decimal for a scaled integer read from the server.</summary>
    /// <exception cref="OverflowException">The value needs more than 96 bits or 28 decimal places and is not exact as a decimal.</exception>
    public static decimal FromScaled(Int128 scaled, int scale)
    {
        if (scale is < 0 or > MaxPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "A ClickHouse decimal scale is 0-38.");
        }

        var negative = scaled < Int128.Zero;
        var magnitude = negative ? (UInt128)(-(scaled + Int128.One)) + UInt128.One : (UInt128)scaled;
        while (magnitude >= NinetySixBits || scale > MaxDecimalScale)
        {
            if (scale == 0 || magnitude % 10 != UInt128.Zero)
            {
                throw new OverflowException(
                    $"The ClickHouse decimal {(negative ? "-" : string.Empty)}{magnitude}e-{scale} does not fit a .NET decimal exactly.");
            }

            magnitude /= 10;
            scale--;
        }

        var lo = (int)(uint)magnitude;
        var mid = (int)(uint)(magnitude >> 32);
        var hi = (int)(uint)(magnitude >> 64);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }

    private static void Validate(int precision, int scale)
    {
        if (precision is < 1 or > MaxPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "A ClickHouse decimal precision is 1-38.");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "A ClickHouse decimal scale is 0 to the precision.");
        }
    }

    private static OverflowException Overflow(decimal value, int precision, int scale) =>
        new($"The value {value} does not fit Decimal({precision}, {scale}): at most {precision - scale} integer digits.");

    private static UInt128[] CreatePowersOfTen()
    {
        var powers = new UInt128[MaxPrecision + 1];
        powers[0] = UInt128.One;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
