namespace Sofia.Exchanges.Internal;

/// <summary>
/// Parses RFC 3339 / ISO-8601 UTC timestamps such as <c>2023-02-09T20:19:35.39625135Z</c> to epoch
/// microseconds without allocating. Fractions beyond microseconds are truncated; offsets (<c>+01:00</c>) are applied.
/// </summary>
internal static class IsoTime
{
    public static bool TryParseMicros(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var rest = s[19..];
        long fractionMicros = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var i = 1;
            var scale = 100_000L;
            while (i < rest.Length && (uint)(rest[i] - '0') <= 9)
            {
                fractionMicros += (rest[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == 1)
            {
                return false;
            }

            rest = rest[i..];
        }

        if (!TryOffsetSeconds(rest, out var offsetSeconds))
        {
            return false;
        }

        var days = DaysFromCivil(year, month, day);
        var seconds = (days * 86_400L) + (hour * 3600L) + (minute * 60L) + second - offsetSeconds;
        micros = (seconds * 1_000_000L) + fractionMicros;
        return micros >= 0;
    }

    private static bool TryOffsetSeconds(ReadOnlySpan<byte> rest, out int seconds)
    {
        seconds = 0;
        if (rest.Length == 1 && (rest[0] == 'Z' || rest[0] == 'z'))
        {
            return true;
        }

        if (rest.Length != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':'
            || !Digits(rest.Slice(1, 2), out var hours) || !Digits(rest.Slice(4, 2), out var minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        seconds = ((hours * 60) + minutes) * 60 * (rest[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // Howard Hinnant's days_from_civil: days since 1970-01-01 for a proleptic Gregorian date.
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = year / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468L;
    }
}
