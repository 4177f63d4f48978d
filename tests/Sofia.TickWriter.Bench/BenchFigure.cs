using Sofia.Testing;

namespace Sofia.TickWriter.Bench;

/// <summary>The store suite's output through <see cref="BenchOutput"/>.</summary>
internal static class BenchFigure
{
    public static void Print(string metric, double value, string unit, string client = "sofia") =>
        BenchOutput.Print("store", metric, value, unit, ("client", client));

    public static void Log(string message) => BenchOutput.Log("store", message);
}
