using System.Globalization;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Bybit;

/// <summary>
/// Bybit v5 spot public trades (<c>publicTrade.&lt;SYMBOL&gt;</c> on <c>/v5/public/spot</c>).
/// Limits (bybit docs, v5/ws/connect): spot takes at most 10 args per subscribe request, and the args of
/// one public connection may total at most 21,000 characters. Keepalive: send <c>{"op":"ping"}</c> every
/// 20 s; spot answers <c>{"success":true,"ret_msg":"pong",..,"op":"ping"}</c>, private streams
/// <c>{"op":"pong",..}</c>. The taker side is <c>S</c>. Trade ids (<c>i</c>) are unique but not
/// consecutive (UUIDs on older markets, large jumps on numeric ones), so gaps cannot be detected by id;
/// the REST backfill <c>/v5/market/recent-trade</c> returns only the latest 60 spot trades.
/// </summary>
internal sealed class BybitAdapter(SymbolMap symbols, ExchangeAdapterOptions options) : ExchangeAdapter(symbols, options)
{
    internal const int MaxArgsPerRequest = 10;
    internal const int MaxArgsCharactersPerConnection = 21_000;
    internal const int MaxSpotRecentTrades = 60;

    public override KeepAlive KeepAlive { get; } =
        new(KeepAliveMode.SendPeriodically, """{"op":"ping"}""", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));

    public override bool TradeIdsAreSequential => false;

    public override IReadOnlyList<ConnectionPlan> PlanConnections()
    {
        var plans = new List<ConnectionPlan>();
        var symbols = new List<string>();
        var characters = 0;
        foreach (var canonical in Symbols.CanonicalSymbols)
        {
            // Each arg costs its text plus quotes and a comma in the serialized array.
            var cost = Topic(canonical).Length + 3;
            if (characters + cost > MaxArgsCharactersPerConnection && symbols.Count > 0)
            {
                plans.Add(Plan(symbols));
                symbols = [];
                characters = 0;
            }

            symbols.Add(canonical);
            characters += cost;
        }

        if (symbols.Count > 0)
        {
            plans.Add(Plan(symbols));
        }

        return plans;
    }

    public override BackfillRequest BuildBackfillRequest(string canonicalSymbol, TradeIdGap gap)
    {
        var symbol = Uri.EscapeDataString(Symbols.ToExchange(canonicalSymbol));
        var path = string.Create(CultureInfo.InvariantCulture, $"/v5/market/recent-trade?category=spot&symbol={symbol}&limit={MaxSpotRecentTrades}");
        return new BackfillRequest(RestAddress("https://api.bybit.com", path), canonicalSymbol, ByIdRange: false);
    }

    /// <summary>A subscribe request for raw topics, e.g. <c>publicTrade.BTCUSDT</c>.</summary>
    internal static string SubscribeMessage(IReadOnlyList<string> topics, string? requestId) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        if (requestId is not null)
        {
            w.WriteString("req_id", requestId);
        }

        w.WriteString("op", "subscribe");
        w.WriteStartArray("args");
        foreach (var topic in topics)
        {
            w.WriteStringValue(topic);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private protected override FrameResult ParseFrame(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades) =>
        BybitParser.ParseFrame(Symbols, frame, receiveTimeUs, trades);

    private protected override FrameResult ParseBackfill(ReadOnlySpan<byte> body, string canonicalSymbol, long receiveTimeUs, Span<ParsedTrade> trades) =>
        BybitParser.ParseRecentTrades(Symbols, body, receiveTimeUs, trades);

    private ConnectionPlan Plan(List<string> symbols) => new(
        WebSocketEndpoint("wss://stream.bybit.com/v5/public/spot"),
        symbols,
        JsonText.Chunk(symbols.Select(Topic).ToList(), MaxArgsPerRequest)
            .Select((batch, i) => SubscribeMessage(batch, (i + 1).ToString(CultureInfo.InvariantCulture)))
            .ToList(),
        TimeSpan.FromMilliseconds(100),
        null);

    private string Topic(string canonical) => "publicTrade." + Symbols.ToExchange(canonical);
}
