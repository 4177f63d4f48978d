using System.Collections;
using System.Globalization;
using System.Text;

namespace Sofia.ClickHouse;

/// <summary>
/// Client-side binding of values into SQL as literals that ClickHouse 18.16 and 24.x parse the same way
/// (neither <c>{name:Type}</c> parameters nor anything newer are used). Every value passes through these
/// helpers; never build SQL by concatenating raw input.
/// </summary>
public static class ClickHouseSql
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";
    private static readonly DateTime MaxDateTime = DateTime.UnixEpoch.AddSeconds(uint.MaxValue);

    /// <summary>
    /// Formats <paramref name="sql"/>, turning each interpolated value into a literal with <see cref="Literal(object?)"/>;
    /// a value formatted <c>:id</c> becomes a quoted identifier instead. A sequence (other than a string) becomes a
    /// parenthesised list for <c>IN</c>.
    /// </summary>
    /// <example><c>ClickHouseSql.Format($"SELECT price FROM {table:id} WHERE symbol IN {symbols} AND ts >= {from}")</c></example>
    /// <exception cref="ArgumentException">A value has a type with no literal form, or a sequence is empty.</exception>
    public static string Format(FormattableString sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var arguments = sql.GetArguments();
        var formatted = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            formatted[i] = new SqlArgument(arguments[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, sql.Format, formatted);
    }

    /// <summary>A quoted string: <c>'…'</c> with backslash, quote and control characters backslash-escaped.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }

        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\'' => builder.Append(@"\'"),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                '\0' => builder.Append(@"\0"),
                '\b' => builder.Append(@"\b"),
                '\f' => builder.Append(@"\f"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>An integer; a negative one is parenthesised so that <c>a-{x}</c> never becomes a <c>--</c> comment.</summary>
    public static string Literal(long value) =>
        value < 0 ? $"({value.ToString(CultureInfo.InvariantCulture)})" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned integer.</summary>
    public static string Literal(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <c>Float64</c> in its shortest round-trip form (<c>nan</c>, <c>inf</c> and <c>-inf</c> included).</summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "(-inf)";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return value < 0 || (value == 0 && double.IsNegative(value)) ? $"({text})" : text;
    }

    /// <summary>
    /// An exact decimal, <c>toDecimal128('…', scale)</c> with the value's own scale: a bare <c>1.5</c> would be a
    /// Float64, which 18.16 refuses to compare with a Decimal column.
    /// </summary>
    public static string Literal(decimal value) =>
        $"toDecimal128('{value.ToString(CultureInfo.InvariantCulture)}', {value.Scale.ToString(CultureInfo.InvariantCulture)})";

    /// <summary><c>1</c> or <c>0</c> (ClickHouse 18.16 has no Bool type).</summary>
    public static string Literal(bool value) => value ? "1" : "0";

    /// <summary>
    /// A <c>DateTime</c>: <c>toDateTime('yyyy-MM-dd HH:mm:ss', 'UTC')</c>, read as UTC whatever the server's time
    /// zone. Local times are converted to UTC, unspecified ones taken as UTC; the fraction of a second is dropped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is outside 1970–2106 (the range of DateTime).</exception>
    public static string Literal(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        if (utc < DateTime.UnixEpoch || utc >= MaxDateTime.AddSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A ClickHouse DateTime is 1970-01-01 00:00:00 to 2106-02-07 06:28:15 UTC.");
        }

        return $"toDateTime('{utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture)}', 'UTC')";
    }

    /// <summary>A <c>DateTime</c> for the UTC instant of <paramref name="value"/>.</summary>
    public static string Literal(DateTimeOffset value) => Literal(value.UtcDateTime);

    /// <summary>A <c>Date</c>: <c>toDate('yyyy-MM-dd')</c>.</summary>
    public static string Literal(DateOnly value) =>
        $"toDate('{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')";

    /// <summary>A <c>UUID</c>: <c>toUUID('…')</c>.</summary>
    public static string Literal(Guid value) => $"toUUID('{value.ToString("D", CultureInfo.InvariantCulture)}')";

    /// <summary>A literal for a value of any supported type (strings, integers, floats, decimal, bool, dates, Guid, null).</summary>
    /// <exception cref="ArgumentException">The type has no literal form here.</exception>
    public static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => Literal(s),
        char c => Literal(c.ToString()),
        sbyte n => Literal((long)n),
        short n => Literal((long)n),
        int n => Literal((long)n),
        long n => Literal(n),
        byte n => Literal((ulong)n),
        ushort n => Literal((ulong)n),
        uint n => Literal((ulong)n),
        ulong n => Literal(n),
        float f => LiteralSingle(f),
        double d => Literal(d),
        decimal m => Literal(m),
        bool b => Literal(b),
        DateTime t => Literal(t),
        DateTimeOffset t => Literal(t),
        DateOnly d => Literal(d),
        Guid g => Literal(g),
        Enum e => Literal(Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"A {value.GetType().Name} has no ClickHouse literal form.", nameof(value)),
    };

    /// <summary>A quoted identifier, <c>`name`</c>, with backquotes and backslashes escaped.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"`{name.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("`", @"\`", StringComparison.Ordinal)}`";
    }

    private static string LiteralSingle(float value) =>
        float.IsFinite(value) && !(value < 0 || (value == 0 && float.IsNegative(value)))
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : float.IsFinite(value) ? $"({value.ToString("R", CultureInfo.InvariantCulture)})" : Literal((double)value);

    private static string List(IEnumerable values)
    {
        var builder = new StringBuilder("(");
        var first = true;
        foreach (var value in values)
        {
            builder.Append(first ? string.Empty : ", ").Append(Literal(value));
            first = false;
        }

        return first
            ? throw new ArgumentException("An empty sequence has no ClickHouse literal form (IN () does not parse).", nameof(values))
            : builder.Append(')').ToString();
    }

    /// <summary>One interpolated value, formatted as a literal, a list or (with <c>:id</c>) an identifier.</summary>
    private sealed class SqlArgument(object? value) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => format switch
        {
            null or "" => value is IEnumerable sequence and not string ? List(sequence) : Literal(value),
            "id" => Identifier(value as string ?? throw new ArgumentException("A :id value must be a string.", nameof(format))),
            _ => throw new FormatException($"Unknown ClickHouse SQL format ':{format}'; use no format or ':id'."),
        };

        public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
    }
}
