using System.Text.Json;

namespace Sofia.SignalHub.Domain;

/// <summary>
/// One entry of the promoted-parameters bucket: key <c>{strategy}.{symbol}</c> (e.g. <c>trend.BTC-USDT</c>), value a
/// UTF-8 JSON object of parameter name to value as text (<c>{"fast":"20","slow":"50"}</c>; numbers are taken too).
/// </summary>
internal static class PromotedParameters
{
    public static bool TryParseKey(string key, out string strategy, out string symbol)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        strategy = dot > 0 ? key[..dot] : string.Empty;
        symbol = dot > 0 ? key[(dot + 1)..] : string.Empty;
        return strategy.Length > 0 && symbol.Length > 0;
    }

    public static bool TryParseValue(ReadOnlySpan<byte> json, out Dictionary<string, string> parameters, out string? error)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "the value is not a JSON object of parameter name to value";
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        parameters[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        parameters[property.Name] = property.Value.GetRawText();
                        break;
                    default:
                        error = $"{property.Name}: the value must be text or a number";
                        return false;
                }
            }

            return true;
        }
        catch (JsonException e)
        {
            error = $"the value is not JSON: {e.Message}";
            return false;
        }
    }
}
