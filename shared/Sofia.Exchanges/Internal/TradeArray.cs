using System.Text.Json;

namespace Sofia.Exchanges.Internal;

/// <summary>
/// Reads an array of trade objects with an exchange's <see cref="ITradeReader"/>. Generic over a struct, so
/// each exchange gets its own compiled loop with its trade reader called directly: no delegate on the hot path.
/// </summary>
internal static class TradeArray
{
    /// <summary>
    /// Reads the array the reader is on into <paramref name="writer"/>; default when every element is a
    /// trade, else the first failure (an element that is not an object is a wrong type of <paramref name="field"/>).
    /// </summary>
    public static FrameResult Read<TReader>(ref Utf8JsonReader reader, TReader trade, ref TradeWriter writer, string? field)
        where TReader : struct, ITradeReader
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FrameResult.Malformed(FrameError.WrongType, field);
            }

            var result = trade.Read(ref reader, ref writer.Next());
            if (result.Kind != FrameKind.None)
            {
                return result;
            }
        }

        return default;
    }

}
