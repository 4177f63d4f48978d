using System.Text.Json.Nodes;
using Sofia.Testing;

namespace Sofia.Exchanges.Tests;

/// <summary>Reads the documented exchange messages in place from the shared reference data.</summary>
internal static class Samples
{
    public const long ReceiveUs = 1_700_000_000_123_456;

    public static byte[] Bytes(string name) => File.ReadAllBytes(ReferenceData.File("exchange-samples/" + name));

    public static string Text(string name) => File.ReadAllText(ReferenceData.File("exchange-samples/" + name));

    /// <summary>Parses a sample with a buffer that comfortably fits it.</summary>
    public static (FrameResult Result, ParsedTrade[] Trades) Parse(ExchangeAdapter adapter, string name)
    {
        var buffer = new ParsedTrade[16];
        var result = adapter.Parse(Bytes(name), ReceiveUs, buffer);
        return (result, buffer[..Math.Min(result.Kind == FrameKind.Trades ? result.TradeCount : 0, buffer.Length)]);
    }

    /// <summary>Semantic JSON equality: same members and values, in any member order.</summary>
    public static void AssertSameJson(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, $"Expected {expected}{Environment.NewLine}but built {actual}");

    public static ExchangeAdapter Adapter(string exchange, params string[] canonical) =>
        ExchangeAdapter.Create(SymbolMap.ForExchange(exchange, canonical));
}
