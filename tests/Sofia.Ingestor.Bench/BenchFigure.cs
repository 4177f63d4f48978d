using System.Globalization;

namespace Sofia.Ingestor.Bench;

/// <summary>One line of the suite's output: {"suite":"ingest","metric":…,"value":…,"unit":…,"client":…,"cores":…}.</summary>
internal static class BenchFigure
{
    public static void Print(string metric, double value, string unit, string note) =>
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"suite\":\"ingest\",\"metric\":\"{metric}\",\"value\":{Math.Round(value, 3)},\"unit\":\"{unit}\",\"client\":\"sofia\",\"cores\":{Environment.ProcessorCount},\"note\":\"{note}\"}}"));

    public static void Log(string message) => Console.Error.WriteLine($"ingest bench: {message}");

    public static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

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
