using System.Text;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>Turns OpenTelemetry-style instrument names and UCUM units into Prometheus metric and label names.</summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["min"] = "minutes",
        ["h"] = "hours",
        ["d"] = "days",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["bit"] = "bits",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    // After "per", a unit reads in the singular: bytes_per_second.
    private static readonly Dictionary<string, string> PerUnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["ms"] = "millisecond",
        ["min"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["m"] = "meter",
    };

    /// <summary>The family name: sanitized, with the unit suffix, and <c>_total</c> for counters.</summary>
    public static string MetricName(string instrumentName, string? unit, PrometheusType type)
    {
        var name = Sanitize(instrumentName);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal) && name != suffix)
        {
            name = name + "_" + suffix;
        }

        if (type == PrometheusType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>
    /// The suffix a UCUM unit adds: <c>s</c> → <c>seconds</c>, <c>By/s</c> → <c>bytes_per_second</c>;
    /// annotations such as <c>{trade}</c> and the dimensionless <c>1</c> add nothing.
    /// </summary>
    public static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var text = RemoveAnnotations(unit).Trim();
        if (text.Length == 0 || text == "1")
        {
            return string.Empty;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Word(text, UnitWords);
        }

        var numerator = Word(text[..slash], UnitWords);
        var denominator = Word(text[(slash + 1)..], PerUnitWords);
        return (numerator.Length, denominator.Length) switch
        {
            (0, 0) => string.Empty,
            (0, _) => "per_" + denominator,
            (_, 0) => numerator,
            _ => numerator + "_per_" + denominator,
        };
    }

    /// <summary>Metric names allow <c>[a-zA-Z_][a-zA-Z0-9_]*</c> here (colons are left to recording rules).</summary>
    public static string Sanitize(string name) => SanitizeCore(name);

    /// <summary>Label names allow <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string LabelName(string name) => SanitizeCore(name);

    private static string Word(string unit, Dictionary<string, string> words)
    {
        var trimmed = unit.Trim();
        if (trimmed.Length == 0 || trimmed == "1")
        {
            return string.Empty;
        }

        return words.TryGetValue(trimmed, out var word) ? word : SanitizeCore(trimmed).Trim('_');
    }

    private static string RemoveAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string SanitizeCore(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
            else if (builder.Length == 0 || builder[^1] != '_')
            {
                // A run of other characters ("." or " - ") becomes one underscore.
                builder.Append('_');
            }
        }

        return builder.ToString();
    }
}
