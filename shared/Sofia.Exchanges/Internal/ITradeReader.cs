using System.Text.Json;

namespace Sofia.Exchanges.Internal;

/// <summary>Reads one exchange's trade object; implemented by a struct per exchange for <see cref="TradeArray"/>.</summary>
internal interface ITradeReader
{
    /// <summary>Reads the object the reader is on into <paramref name="trade"/>; default on success, else why not.</summary>
    FrameResult Read(ref Utf8JsonReader reader, ref ParsedTrade trade);
}
