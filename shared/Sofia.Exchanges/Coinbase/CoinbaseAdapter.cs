using System.Globalization;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Coinbase;

/// <summary>
/// Coinbase Advanced Trade <c>market_trades</c> (default) or the Coinbase Exchange feed's <c>matches</c>.
/// Side: Exchange documents <c>side</c> as the maker order's side (a <c>sell</c> match is an up-tick), so the
/// taker is the opposite. Advanced Trade does not document which side <c>market_trades</c> reports; it
/// comes from the same matching engine, and practitioners (NautilusTrader's Coinbase adapter among them)
/// treat it as the maker side too, so by default the taker is the opposite here as well
/// (<see cref="ExchangeAdapterOptions.CoinbaseAdvancedTradeSideIsMaker"/> turns that off).
/// Limits (Coinbase docs): 8 connections and 8 unauthenticated messages per second per IP; one channel per
/// Advanced Trade subscribe message; subscribe within 5 s of connecting. Keepalive: subscribe to
/// <c>heartbeats</c> (one per second), since quiet channels close after 60–90 s. No product cap per message
/// is documented; we send 100 products per message and per connection. Trade ids are per-product integers
/// that increase by one (the Exchange heartbeat carries <c>last_trade_id</c> for this purpose), so numeric ids
/// feed the gap detector. Advanced Trade lists the newest trade of an update first; the parser reorders.
/// </summary>
internal sealed class CoinbaseAdapter(SymbolMap symbols, ExchangeAdapterOptions options) : ExchangeAdapter(symbols, options)
{
    internal const int MaxProductsPerConnection = 100;
    internal const int MaxExchangeRestLimit = 1000;

    public override KeepAlive KeepAlive { get; } =
        new(KeepAliveMode.HeartbeatChannel, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    public override bool TradeIdsAreSequential => true;

    public override IReadOnlyList<ConnectionPlan> PlanConnections() =>
        JsonText.Chunk(Symbols.CanonicalSymbols, MaxProductsPerConnection)
            .Select(symbols =>
            {
                var products = symbols.Select(Symbols.ToExchange).ToList();
                IReadOnlyList<string> messages = Options.CoinbaseExchangeFeed
                    ? [ExchangeSubscribeMessage([("matches", products), ("heartbeat", products)])]
                    : [SubscribeMessage("heartbeats", products, Options.CoinbaseJwt), SubscribeMessage("market_trades", products, Options.CoinbaseJwt)];
                return new ConnectionPlan(
                    WebSocketEndpoint(Options.CoinbaseExchangeFeed ? "wss://ws-feed.exchange.coinbase.com" : "wss://advanced-trade-ws.coinbase.com"),
                    symbols,
                    messages,
                    TimeSpan.FromMilliseconds(150),
                    null);
            })
            .ToList();

    public override BackfillRequest BuildBackfillRequest(string canonicalSymbol, TradeIdGap gap)
    {
        var product = Uri.EscapeDataString(Symbols.ToExchange(canonicalSymbol));
        if (!Options.CoinbaseExchangeFeed)
        {
            return new BackfillRequest(
                RestAddress("https://api.coinbase.com", $"/api/v3/brokerage/market/products/{product}/ticker?limit=100"), canonicalSymbol, ByIdRange: false);
        }

        if (gap.IsEmpty)
        {
            return new BackfillRequest(
                RestAddress(ExchangeRest, $"/products/{product}/trades?limit={MaxExchangeRestLimit}"), canonicalSymbol, ByIdRange: false);
        }

        // The trades cursor is the trade id: "after" returns trades with smaller ids, newest first.
        var path = string.Create(
            CultureInfo.InvariantCulture, $"/products/{product}/trades?after={gap.Last + 1}&limit={Math.Min(gap.Count, MaxExchangeRestLimit)}");
        return new BackfillRequest(RestAddress(ExchangeRest, path), canonicalSymbol, ByIdRange: true);
    }

    /// <summary>An Advanced Trade subscribe message: one channel, its products, an optional JWT.</summary>
    internal static string SubscribeMessage(string channel, IReadOnlyList<string> products, string? jwt) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "subscribe");
        w.WriteStartArray("product_ids");
        foreach (var product in products)
        {
            w.WriteStringValue(product);
        }

        w.WriteEndArray();
        w.WriteString("channel", channel);
        if (jwt is not null)
        {
            w.WriteString("jwt", jwt);
        }

        w.WriteEndObject();
    });

    /// <summary>An Exchange feed subscribe message with per-channel product lists.</summary>
    internal static string ExchangeSubscribeMessage(IReadOnlyList<(string Channel, IReadOnlyList<string> Products)> channels) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "subscribe");
        w.WriteStartArray("channels");
        foreach (var (channel, products) in channels)
        {
            w.WriteStartObject();
            w.WriteString("name", channel);
            w.WriteStartArray("product_ids");
            foreach (var product in products)
            {
                w.WriteStringValue(product);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private protected override FrameResult ParseFrame(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades) =>
        CoinbaseParser.ParseFrame(Symbols, Options.CoinbaseAdvancedTradeSideIsMaker, frame, receiveTimeUs, trades);

    private protected override FrameResult ParseBackfill(ReadOnlySpan<byte> body, string canonicalSymbol, long receiveTimeUs, Span<ParsedTrade> trades) =>
        Options.CoinbaseExchangeFeed
            ? CoinbaseParser.ParseExchangeTrades(body, canonicalSymbol, receiveTimeUs, trades)
            : CoinbaseParser.ParseMarketTrades(Symbols, Options.CoinbaseAdvancedTradeSideIsMaker, body, receiveTimeUs, trades);

    private const string ExchangeRest = "https://api.exchange.coinbase.com";
}
