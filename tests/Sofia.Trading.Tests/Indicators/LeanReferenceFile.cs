using System.Globalization;
using Sofia.Testing;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>
/// One of LEAN's reference CSV files (lean-indicator-refs/), read in place: its bars (Open/High/Low/Close and
/// Volume when present; a Close-only file gives flat bars) and its columns as printed text.
/// </summary>
internal sealed class LeanReferenceFile
{
    private readonly string[] _header;
    private readonly string[][] _rows;

    private LeanReferenceFile(string[] header, string[][] rows)
    {
        _header = header;
        _rows = rows;
        Bars = new Bar[rows.Length];
        var open = Find("Open");
        var high = Find("High");
        var low = Find("Low");
        var close = Find("Close");
        var volume = Find("Volume");
        for (var i = 0; i < rows.Length; i++)
        {
            var c = Number(rows[i][close]);
            Bars[i] = new Bar(
                i,
                open < 0 ? c : Number(rows[i][open]),
                high < 0 ? c : Number(rows[i][high]),
                low < 0 ? c : Number(rows[i][low]),
                c,
                volume < 0 ? 0 : Number(rows[i][volume]));
        }
    }

    public Bar[] Bars { get; }

    public static LeanReferenceFile Load(string name)
    {
        var lines = File.ReadAllLines(ReferenceData.File("lean-indicator-refs/" + name));
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return new LeanReferenceFile(header, rows);
    }

    /// <summary>The column as printed; empty for a blank cell.</summary>
    public string[] Text(string column)
    {
        var index = Find(column);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"column '{column}' missing");
        return _rows.Select(r => index < r.Length ? r[index].Trim() : string.Empty).ToArray();
    }

    /// <summary>The column as numbers; null for a blank, NaN or (when <paramref name="zeroIsBlank"/>) zero cell.</summary>
    public double?[] Values(string column, bool zeroIsBlank = false) =>
        Text(column).Select(t =>
        {
            if (t.Length == 0 || t == "NaN")
            {
                return (double?)null;
            }

            var v = Number(t);
            return zeroIsBlank && v == 0 ? null : v;
        }).ToArray();

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private int Find(string column) => Array.FindIndex(_header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
}
