namespace Sofia.Exchanges;

/// <summary>Choices that differ per deployment; the defaults follow the exchanges' documented public endpoints.</summary>
public sealed record ExchangeAdapterOptions
{
    /// <summary>Overrides the WebSocket address (testnets, local fakes).</summary>
    public Uri? WebSocketEndpoint { get; init; }

    /// <summary>Overrides the REST base address used by backfill requests.</summary>
    public Uri? RestBaseAddress { get; init; }

    /// <summary>OKX: subscribe to <c>trades-all</c> (one push per trade, on <c>/ws/v5/business</c>) instead of <c>trades</c> (aggregated per taker order and price).</summary>
    public bool OkxAllTrades { get; init; }

    /// <summary>Coinbase: use the Exchange feed's <c>matches</c> channel instead of Advanced Trade <c>market_trades</c>.</summary>
    public bool CoinbaseExchangeFeed { get; init; }

    /// <summary>
    /// Coinbase Advanced Trade: whether a trade's <c>side</c> is the maker's side (so the taker is the opposite).
    /// True by default; see the adapter notes for the sources.
    /// </summary>
    public bool CoinbaseAdvancedTradeSideIsMaker { get; init; } = true;

    /// <summary>Coinbase Advanced Trade: a JWT to put in subscribe messages (market data works without one).</summary>
    public string? CoinbaseJwt { get; init; }
}
