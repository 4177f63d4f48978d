using System.Globalization;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Okx;

/// <summary>
/// OKX v5 public trades: the <c>trades</c> channel on <c>/ws/v5/public</c> (one push per taker order and
/// price, <c>count</c> trades aggregated, <c>tradeId</c> the last of them) or <c>trades-all</c> on
/// <c>/ws/v5/business</c> (one push per trade). <c>side</c> is the taker's side.
/// Limits (OKX v5 docs, WebSocket overview): 3 connection attempts per second per IP; 480
/// subscribe/unsubscribe/login requests per hour per connection; the server closes a connection that has
/// no subscription or no push for 30 s. Keepalive: send the text <c>ping</c> when nothing arrived for
/// N &lt; 30 s and expect <c>pong</c>. A <c>notice</c> event (code 64008) announces a close for a service
/// upgrade 60 s ahead. No per-request arg cap is documented for public channels; we send 100 per request
/// and 200 symbols per connection. Trade ids are consecutive per instrument (an aggregated push with
/// tradeId 123 and count 3 covers 121..123), so gaps are exact and
/// <c>/api/v5/market/history-trades?type=1&amp;after=</c> pages back through them.
/// </summary>
internal sealed class OkxAdapter(SymbolMap symbols, ExchangeAdapterOptions options) : ExchangeAdapter(symbols, options)
{
    internal const int MaxArgsPerRequest = 100;
    internal const int MaxSymbolsPerConnection = 200;
    internal const int MaxHistoryLimit = 100;

    public override KeepAlive KeepAlive { get; } =
        new(KeepAliveMode.SendWhenIdle, "ping", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20));

    public override bool TradeIdsAreSequential => true;

    private string Channel => Options.OkxAllTrades ? "trades-all" : "trades";

    public override IReadOnlyList<ConnectionPlan> PlanConnections() =>
        JsonText.Chunk(Symbols.CanonicalSymbols, MaxSymbolsPerConnection)
            .Select(symbols => new ConnectionPlan(
                WebSocketEndpoint(Options.OkxAllTrades ? "wss://ws.okx.com:8443/ws/v5/business" : "wss://ws.okx.com:8443/ws/v5/public"),
                symbols,
                JsonText.Chunk(symbols.Select(Symbols.ToExchange).ToList(), MaxArgsPerRequest)
                    .Select((batch, i) => SubscribeMessage(Channel, batch, (i + 1).ToString(CultureInfo.InvariantCulture)))
                    .ToList(),
                TimeSpan.FromMilliseconds(100),
                null))
            .ToList();

    public override BackfillRequest BuildBackfillRequest(string canonicalSymbol, TradeIdGap gap)
    {
        var instId = Uri.EscapeDataString(Symbols.ToExchange(canonicalSymbol));
        if (gap.IsEmpty)
        {
            return new BackfillRequest(RestAddress(RestBase, $"/api/v5/market/trades?instId={instId}&limit=500"), canonicalSymbol, ByIdRange: false);
        }

        // type=1 pages by trade id; "after" returns trades older than the given id, newest first.
        var limit = Math.Min(gap.Count, MaxHistoryLimit);
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/v5/market/history-trades?instId={instId}&type=1&after={gap.Last + 1}&limit={limit}");
        return new BackfillRequest(RestAddress(RestBase, path), canonicalSymbol, ByIdRange: true);
    }

    /// <summary>A subscribe request for one channel over instrument ids.</summary>
    internal static string SubscribeMessage(string channel, IReadOnlyList<string> instIds, string? requestId) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        if (requestId is not null)
        {
            w.WriteString("id", requestId);
        }

        w.WriteString("op", "subscribe");
        w.WriteStartArray("args");
        foreach (var instId in instIds)
        {
            w.WriteStartObject();
            w.WriteString("channel", channel);
            w.WriteString("instId", instId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private protected override FrameResult ParseFrame(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades) =>
        OkxParser.ParseFrame(Symbols, frame, receiveTimeUs, trades, rest: false);

    private protected override FrameResult ParseBackfill(ReadOnlySpan<byte> body, string canonicalSymbol, long receiveTimeUs, Span<ParsedTrade> trades) =>
        OkxParser.ParseFrame(Symbols, body, receiveTimeUs, trades, rest: true);

    private const string RestBase = "https://www.okx.com";
}
