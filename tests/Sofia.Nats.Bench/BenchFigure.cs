using System.Globalization;

namespace Sofia.Nats.Bench;

/// <summary>One measured figure, printed in the suite's JSON shape.</summary>
internal sealed record BenchFigure(string Metric, double Value, string Unit)
{
    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"suite\":\"nats\",\"metric\":\"{Metric}\",\"value\":{Math.Round(Value, 1)},\"unit\":\"{Unit}\",\"client\":\"sofia\"}}");
}
