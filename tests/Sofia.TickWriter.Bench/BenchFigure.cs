using System.Globalization;

namespace Sofia.TickWriter.Bench;

/// <summary>One line of the suite's output: {"suite":"store","metric":…,"value":…,"unit":…,"client":…}.</summary>
internal static class BenchFigure
{
    public static void Print(string metric, double value, string unit, string client = "sofia") =>
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"suite\":\"store\",\"metric\":\"{metric}\",\"value\":{Math.Round(value, 3)},\"unit\":\"{unit}\",\"client\":\"{client}\"}}"));

    public static void Log(string message) => Console.Error.WriteLine($"store bench: {message}");

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
