using System.Text.Json;

namespace Sofia.Cli.Output;

/// <summary>The JSON shape of the operations commands: camelCase, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
