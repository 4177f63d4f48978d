namespace Sofia.Exchanges.Internal;

/// <summary>Integer parsing over UTF-8 digits, for ids and millisecond times that exchanges send as strings.</summary>
internal static class Utf8Number
{
    /// <summary>Parses an optionally negative decimal integer; no sign for '+', no spaces, no exponent.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        var negative = !utf8.IsEmpty && utf8[0] == (byte)'-';
        var digits = negative ? utf8[1..] : utf8;
        if (digits.IsEmpty || digits.Length > 19)
        {
            return false;
        }

        ulong result = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            result = (result * 10) + digit;
        }

        if (result > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - result) : (long)result;
        return true;
    }
}
