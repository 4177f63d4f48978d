using Sofia.Testing;

namespace Sofia.Paper.Bench;

/// <summary>The paper suite's output through <see cref="BenchOutput"/>.</summary>
internal static class BenchFigure
{
    public static void Print(string metric, double value, string unit, int rate, int samples, int runs) =>
        BenchOutput.Print("paper", metric, value, unit, ("client", "sofia"), ("ticks_per_s", rate), ("samples", samples), ("runs", runs), ("cores", Environment.ProcessorCount));

    public static void Log(string message) => BenchOutput.Log("paper", message);
}
