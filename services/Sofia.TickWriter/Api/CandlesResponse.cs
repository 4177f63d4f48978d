using Sofia.MarketData;

namespace Sofia.TickWriter.Api;

/// <summary>The answer of <c>GET /api/candles</c>.</summary>
internal sealed record CandlesResponse(
    string Exchange,
    string Symbol,
    string Interval,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<Candle> Candles);
