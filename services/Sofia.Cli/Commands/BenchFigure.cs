using System.Text;
using System.Text.Json;

namespace Sofia.Cli.Commands;

/// <summary>One benchmark figure, printed as the one-line JSON object every bench suite uses.</summary>
internal readonly record struct BenchFigure(string Metric, double Value, string Unit)
{
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("suite", "backtest");
            json.WriteString("metric", Metric);
            json.WriteNumber("value", Math.Round(Value, 1));
            json.WriteString("unit", Unit);
            json.WriteString("client", "sofia");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
