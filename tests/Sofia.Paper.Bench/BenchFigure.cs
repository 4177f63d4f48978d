using System.Globalization;

namespace Sofia.Paper.Bench;

/// <summary>One line of the suite's output: {"suite":"paper","metric":…,"value":…,"unit":…,"client":…}.</summary>
internal static class BenchFigure
{
    public static void Print(string metric, double value, string unit, int rate, int samples, int runs) =>
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"suite\":\"paper\",\"metric\":\"{metric}\",\"value\":{Math.Round(value, 3)},\"unit\":\"{unit}\",\"client\":\"sofia\",\"ticks_per_s\":{rate},\"samples\":{samples},\"runs\":{runs},\"cores\":{Environment.ProcessorCount}}}"));

    public static void Log(string message) => Console.Error.WriteLine($"paper bench: {message}");

    /// <summary>The nearest-rank percentile (p in 0..1) of <paramref name="values"/>, which it sorts.</summary>
    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var index = (int)Math.Ceiling(p * values.Count) - 1;
        return values[Math.Clamp(index, 0, values.Count - 1)];
    }
}
