using System.Globalization;
using Sofia.Testing;

namespace Sofia.Ingestor.Bench;

/// <summary>The ingest suite's output through <see cref="BenchOutput"/>, and its settings and load reading.</summary>
internal static class BenchFigure
{
    public static void Print(string metric, double value, string unit, string note) =>
        BenchOutput.Print("ingest", metric, value, unit, ("client", "sofia"), ("cores", Environment.ProcessorCount), ("note", note));

    public static void Log(string message) => BenchOutput.Log("ingest", message);

    public static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>The 1-minute load average, or NaN where /proc/loadavg does not exist.</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
