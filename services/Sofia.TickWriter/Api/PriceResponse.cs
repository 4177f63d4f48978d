using Sofia.MarketData;

namespace Sofia.TickWriter.Api;

/// <summary>The answer of <c>GET /api/price/{symbol}</c>: the last trade on each exchange.</summary>
internal sealed record PriceResponse(string Symbol, IReadOnlyList<LastPrice> Prices);
