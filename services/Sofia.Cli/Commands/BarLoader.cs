using Sofia.Trading;
using Sofia.Trading.Data;

namespace Sofia.Cli.Commands;

/// <summary>Loads bar files for the CLI: existence check, format detection, strict sanity check, symbol from the file name.</summary>
internal static class BarLoader
{
    public static Bar[] LoadChecked(string path)
    {
        RequireFile(path);
        var bars = BarFileReader.ReadAll(path);
        if (bars.Length < 2)
        {
            throw new CliInputException($"Data file '{path}' holds {bars.Length} bar(s); a backtest needs at least 2.");
        }

        BarSanityChecker.Check(bars, TimeSpan.FromMicroseconds(SmallestStepUs(bars)), SanityMode.Strict);
        return bars;
    }

    public static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"Data file '{path}' does not exist.");
        }
    }

    /// <summary>BTC_USDT-1m_….csv → BTC-USDT; otherwise the file name without extension.</summary>
    public static string SymbolOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var head = dash > 0 ? name[..dash] : name;
        return head.Contains('_', StringComparison.Ordinal) ? head.Replace('_', '-').ToUpperInvariant() : name;
    }

    private static long SmallestStepUs(Bar[] bars)
    {
        var smallest = long.MaxValue;
        for (var i = 1; i < bars.Length; i++)
        {
            var step = bars[i].OpenTimeUs - bars[i - 1].OpenTimeUs;
            if (step > 0 && step < smallest)
            {
                smallest = step;
            }
        }

        return smallest == long.MaxValue ? 60_000_000 : smallest;
    }
}
