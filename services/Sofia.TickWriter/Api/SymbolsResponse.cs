using Sofia.MarketData;

namespace Sofia.TickWriter.Api;

/// <summary>The answer of <c>GET /api/symbols</c>.</summary>
internal sealed record SymbolsResponse(IReadOnlyList<SymbolListing> Symbols);
