using System.Globalization;
using System.Text;

namespace Sofia.Testing;

/// <summary>
/// What every bench console prints: one JSON object per figure on stdout
/// (<c>{"suite":…,"metric":…,"value":…,"unit":…,…}</c>), logs on stderr, and the percentile the figures use.
/// </summary>
public static class BenchOutput
{
    /// <summary>Writes one figure; <paramref name="fields"/> follow the unit in order (strings quoted, numbers as they are).</summary>
    public static void Print(string suite, string metric, double value, string unit, params (string Name, object Value)[] fields)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{{\"suite\":\"{suite}\",\"metric\":\"{metric}\",\"value\":{Math.Round(value, 3)},\"unit\":\"{unit}\"");
        foreach (var (name, field) in fields)
        {
            line.Append(field is string text
                ? string.Create(CultureInfo.InvariantCulture, $",\"{name}\":\"{text}\"")
                : string.Create(CultureInfo.InvariantCulture, $",\"{name}\":{field}"));
        }

        Console.Out.WriteLine(line.Append('}').ToString());
    }

    public static void Log(string suite, string message) => Console.Error.WriteLine($"{suite} bench: {message}");

    /// <summary>The nearest-rank percentile (p in 0..1) of <paramref name="values"/>, which it sorts; NaN when empty.</summary>
    public static double Percentile(List<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var index = (int)Math.Ceiling(p * values.Count) - 1;
        return values[Math.Clamp(index, 0, values.Count - 1)];
    }
}
