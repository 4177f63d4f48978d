using System.Globalization;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Binance;

/// <summary>
/// Binance spot trade streams (<c>&lt;symbol&gt;@trade</c>) over the combined-stream endpoint, whose frames
/// wrap each payload as <c>{"stream":..,"data":..}</c>.
/// Limits (binance-spot-api-docs, web-socket-streams): at most 1024 streams per connection and 5 incoming
/// messages per second; a connection lives at most 24 hours and a <c>serverShutdown</c> event precedes a
/// planned close. Keepalive: the server sends a ping frame every 20 s and drops the connection without a
/// pong within a minute; the WebSocket layer answers pings itself. No per-SUBSCRIBE stream cap is
/// documented; we send at most 200 streams per request to keep frames small.
/// Trade ids are consecutive per symbol, so gaps are exact and <c>/api/v3/historicalTrades?fromId=</c>
/// (no API key needed today) fills them.
/// </summary>
internal sealed class BinanceAdapter(SymbolMap symbols, ExchangeAdapterOptions options) : ExchangeAdapter(symbols, options)
{
    internal const int MaxStreamsPerConnection = 1024;
    internal const int MaxStreamsPerSubscribe = 200;
    internal const int MaxRestLimit = 1000;

    public override KeepAlive KeepAlive { get; } =
        new(KeepAliveMode.AnswerServerPings, null, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1));

    public override bool TradeIdsAreSequential => true;

    public override IReadOnlyList<ConnectionPlan> PlanConnections()
    {
        var plans = new List<ConnectionPlan>();
        foreach (var symbols in JsonText.Chunk(Symbols.CanonicalSymbols, MaxStreamsPerConnection))
        {
            var streams = symbols.Select(StreamName).ToList();
            var messages = JsonText.Chunk(streams, MaxStreamsPerSubscribe)
                .Select((batch, i) => SubscribeMessage(batch, i + 1))
                .ToList();
            plans.Add(new ConnectionPlan(
                WebSocketEndpoint("wss://stream.binance.com:9443/stream"),
                symbols,
                messages,
                TimeSpan.FromMilliseconds(250),
                TimeSpan.FromHours(23.5)));
        }

        return plans;
    }

    public override BackfillRequest BuildBackfillRequest(string canonicalSymbol, TradeIdGap gap)
    {
        var symbol = Uri.EscapeDataString(Symbols.ToExchange(canonicalSymbol).ToUpperInvariant());
        if (gap.IsEmpty)
        {
            return new BackfillRequest(RestAddress(RestBase, $"/api/v3/trades?symbol={symbol}&limit={MaxRestLimit}"), canonicalSymbol, ByIdRange: false);
        }

        var limit = Math.Min(gap.Count, MaxRestLimit);
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/v3/historicalTrades?symbol={symbol}&fromId={gap.First}&limit={limit}");
        return new BackfillRequest(RestAddress(RestBase, path), canonicalSymbol, ByIdRange: true);
    }

    /// <summary>A SUBSCRIBE request for raw stream names, e.g. <c>btcusdt@trade</c>.</summary>
    internal static string SubscribeMessage(IReadOnlyList<string> streams, long id) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", "SUBSCRIBE");
        w.WriteStartArray("params");
        foreach (var stream in streams)
        {
            w.WriteStringValue(stream);
        }

        w.WriteEndArray();
        w.WriteNumber("id", id);
        w.WriteEndObject();
    });

    private protected override FrameResult ParseFrame(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades) =>
        BinanceParser.ParseFrame(Symbols, frame, receiveTimeUs, trades);

    private protected override FrameResult ParseBackfill(ReadOnlySpan<byte> body, string canonicalSymbol, long receiveTimeUs, Span<ParsedTrade> trades) =>
        BinanceParser.ParseRestTrades(body, canonicalSymbol, receiveTimeUs, trades);

    private string StreamName(string canonical) => Symbols.ToExchange(canonical).ToLowerInvariant() + "@trade";

    private const string RestBase = "https://api.binance.com";
}
