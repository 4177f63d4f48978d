using System.Text.Json;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Promotion;

/// <summary>
/// The promoted-parameters format the signal hub watches: key <c>{strategy}.{symbol}</c> (e.g. <c>trend.BTC-USDT</c>),
/// value a UTF-8 JSON object of parameter name → value as text (<c>{"fast":"20","slow":"50"}</c>; a categorical value
/// is its choice name), which <see cref="ParameterSpace.Bind(IReadOnlyDictionary{string, string})"/> reads back.
/// </summary>
public static class PromotedParameters
{
    /// <summary>The bucket key of <paramref name="strategy"/> on <paramref name="symbol"/>.</summary>
    public static string Key(string strategy, string symbol) => $"{strategy}.{symbol}";

    /// <summary>The bucket value of <paramref name="parameters"/>.</summary>
    public static byte[] ToJson(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters.Describe())
        {
            map[name] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(map);
    }

    /// <summary>Reads a bucket value back into name → text.</summary>
    public static IReadOnlyDictionary<string, string> FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
