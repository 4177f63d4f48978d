using System.Text.Json;

namespace Sofia.Exchanges.Internal;

/// <summary>A frame's list of trades that is a plain array of trade objects.</summary>
/// <param name="trade">Reads one trade object.</param>
/// <param name="field">The array's name, for an element that is not an object.</param>
internal readonly struct TradeList<TReader>(TReader trade, string field) : ITradeListReader
    where TReader : struct, ITradeReader
{
    public FrameResult Read(ref Utf8JsonReader reader, Span<ParsedTrade> trades)
    {
        var writer = new TradeWriter(trades);
        var result = TradeArray.Read(ref reader, trade, ref writer, field);
        return result.Kind == FrameKind.None ? writer.Finish() : result;
    }
}
