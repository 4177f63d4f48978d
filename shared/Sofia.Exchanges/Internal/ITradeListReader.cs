using System.Text.Json;

namespace Sofia.Exchanges.Internal;

/// <summary>Reads a frame's list of trades into the caller's buffer; implemented by a struct per exchange for <see cref="TradesField"/>.</summary>
internal interface ITradeListReader
{
    /// <summary>Reads the value the reader is on; the frame's result.</summary>
    FrameResult Read(ref Utf8JsonReader reader, Span<ParsedTrade> trades);
}
