using System.Text.Json;
using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator.Exchanges;

/// <summary>
/// Binance spot market streams: <c>/ws</c> (raw payloads) or <c>/stream</c> (wrapped as <c>{"stream":..,"data":..}</c>),
/// streams named in the path or query or added with SUBSCRIBE; <c>&lt;symbol&gt;@trade</c> events one per frame with
/// prices and quantities padded to 8 decimals; a ping frame every 20 s and a cut-off without a pong within a minute;
/// <c>serverShutdown</c> before a planned close.
/// </summary>
internal sealed class BinanceSession : ExchangeSession
{
    private static readonly long PingIntervalUs = (long)TimeSpan.FromSeconds(20).TotalMicroseconds;
    private static readonly long PongTimeoutUs = (long)TimeSpan.FromMinutes(1).TotalMicroseconds;
    private readonly bool _combined;
    private readonly HashSet<string> _streams = new(StringComparer.Ordinal);
    private long _nextPingUs;
    private long _pongDueUs = long.MaxValue;

    public BinanceSession(SimulatorHub hub, WebSocketConnection connection, bool combined, IEnumerable<string> streams)
        : base(hub, connection, ExchangeSimulatorServer.Binance)
    {
        _combined = combined;
        _nextPingUs = hub.NowUs + PingIntervalUs;
        lock (hub.Gate)
        {
            _streams.UnionWith(streams.Where(s => s.Length > 0));
            Resubscribe();
        }
    }

    public override int SharedFormat => _combined ? 1 : 0;

    /// <summary>Whether a ping is unanswered.</summary>
    internal bool AwaitingPong => Volatile.Read(ref _pongDueUs) != long.MaxValue;

    public override void EncodeShared(FrameBlock block, int symbol, ReadOnlySpan<SimulatedTrade> trades, long nowUs, Utf8Writer scratch)
    {
        foreach (ref readonly var trade in trades)
        {
            scratch.Clear();
            if (_combined)
            {
                scratch.Raw("{\"stream\":\""u8).Raw(Hub.Symbols.LowerUtf8[symbol]).Raw("""@trade","data":"""u8);
            }

            WriteTrade(scratch, Hub.Symbols.CompactUtf8[symbol], trade, nowUs / 1000);
            if (_combined)
            {
                scratch.Byte((byte)'}');
            }

            block.Append(FrameBlock.Text, scratch.WrittenSpan);
        }
    }

    public override void OnTick(long nowUs, Utf8Writer scratch)
    {
        base.OnTick(nowUs, scratch);
        if (nowUs >= _pongDueUs)
        {
            // Binance drops a connection that leaves its ping unanswered for a minute.
            _pongDueUs = long.MaxValue;
            Connection.Abort();
            return;
        }

        if (nowUs >= _nextPingUs && !IsStalled(nowUs))
        {
            _nextPingUs = nowUs + PingIntervalUs;
            scratch.Clear();
            scratch.Int64(nowUs / 1000);
            Connection.Send(FrameBlock.Ping, scratch.WrittenSpan);
            _pongDueUs = Math.Min(_pongDueUs, nowUs + PongTimeoutUs);
        }
    }

    public override void AnnounceShutdown(long nowUs, long closeAtUs)
    {
        var writer = new Utf8Writer(128);
        if (_combined)
        {
            writer.Raw("""{"stream":"!serverShutdown","data":"""u8);
        }

        writer.Raw("""{"e":"serverShutdown","E":"""u8).Int64(nowUs / 1000).Byte((byte)'}');
        if (_combined)
        {
            writer.Byte((byte)'}');
        }

        SendText(writer.WrittenSpan);
        writer.Dispose();
        base.AnnounceShutdown(nowUs, closeAtUs);
    }

    /// <summary><c>{"e":"trade","E":..,"s":"BTCUSDT","t":..,"p":"..","q":"..","T":..,"m":..,"M":true}</c>.</summary>
    internal static void WriteTrade(Utf8Writer w, ReadOnlySpan<byte> compactSymbol, in SimulatedTrade trade, long eventMs)
    {
        w.Raw("""{"e":"trade","E":"""u8).Int64(eventMs)
            .Raw(",\"s\":\""u8).Raw(compactSymbol)
            .Raw("\",\"t\":"u8).Int64(trade.TradeId)
            .Raw(",\"p\":\""u8).Decimal(trade.PriceMantissa, trade.PriceScale, Math.Max(8, trade.PriceScale))
            .Raw("\",\"q\":\""u8).Decimal(trade.QuantityMantissa, trade.QuantityScale, Math.Max(8, trade.QuantityScale))
            .Raw("\",\"T\":"u8).Int64(trade.TimeUs / 1000)
            .Raw(trade.TakerIsBuyer ? ""","m":false,"M":true}"""u8 : ""","m":true,"M":true}"""u8);
    }

    protected override void OnPong() => _pongDueUs = long.MaxValue;

    protected override void OnMessage(byte[] payload)
    {
        using var document = TryParse(payload);
        Writer.Clear();
        if (document is null)
        {
            Writer.Raw("""{"error":{"code":3,"msg":"Invalid JSON: expected value at line 1 column 1"},"id":null}"""u8);
            SendWriter();
            return;
        }

        var root = document.RootElement;
        var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : "null";
        var method = StringOf(root, "method");
        var parameters = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("params", out var p) ? p : default;
        switch (method)
        {
            case "SUBSCRIBE" or "UNSUBSCRIBE" when parameters.ValueKind == JsonValueKind.Array
                && parameters.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String):
                lock (Hub.Gate)
                {
                    foreach (var stream in parameters.EnumerateArray().Select(p => p.GetString()!))
                    {
                        _ = method == "SUBSCRIBE" ? _streams.Add(stream) : _streams.Remove(stream);
                    }

                    Resubscribe();
                }

                Writer.Raw("""{"result":null,"id":"""u8).Ascii(id).Byte((byte)'}');
                break;
            case "LIST_SUBSCRIPTIONS":
                Writer.Raw("""{"result":["""u8);
                lock (Hub.Gate)
                {
                    var first = true;
                    foreach (var stream in _streams.Order(StringComparer.Ordinal))
                    {
                        if (!first)
                        {
                            Writer.Byte((byte)',');
                        }

                        Writer.JsonString(stream);
                        first = false;
                    }
                }

                Writer.Raw("""],"id":"""u8).Ascii(id).Byte((byte)'}');
                break;
            case "SUBSCRIBE" or "UNSUBSCRIBE":
                Writer.Raw("""{"error":{"code":2,"msg":"Invalid request: invalid type: expected a sequence of strings for params"},"id":"""u8).Ascii(id).Byte((byte)'}');
                break;
            default:
                Writer.Raw("""{"error":{"code":2,"msg":"Invalid request: unknown variant, expected one of SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY"},"id":"""u8)
                    .Ascii(id).Byte((byte)'}');
                break;
        }

        SendWriter();
    }

    protected override void WriteMalformed(int n, Utf8Writer writer)
    {
        var trade = new SimulatedTrade(Hub.Symbols.Canonical[0], 1, 1, 2, 1, 5, true, Hub.NowUs);
        switch (n % 4)
        {
            case 0:
                // Cut off mid-object, as a truncated frame would be.
                WriteTrade(writer, Hub.Symbols.CompactUtf8[0], trade, Hub.NowUs / 1000);
                writer.Truncate(writer.Length / 2);
                break;
            case 1:
                writer.Raw("{\"e\":\"trade\",\"E\":1,\"s\":\""u8).Raw(Hub.Symbols.CompactUtf8[0]).Raw("\",\"t\":1,\"p\":60000.01,\"q\":\"0.1\",\"T\":1,\"m\":true,\"M\":true}"u8);
                break;
            case 2:
                writer.Raw("<html><body><h1>502 Bad Gateway</h1></body></html>"u8);
                break;
            default:
                writer.Raw("{\"e\":\"trade\",\"E\":1,\"s\":\""u8).Raw(Hub.Symbols.CompactUtf8[0]).Raw("\",\"p\":\"1.00\",\"q\":\"0.1\",\"T\":1,\"m\":true,\"M\":true}"u8);
                break;
        }
    }

    private void Resubscribe()
    {
        var symbols = new List<int>();
        foreach (var stream in _streams)
        {
            var at = stream.IndexOf('@', StringComparison.Ordinal);
            if (at > 0 && stream.AsSpan(at).SequenceEqual("@trade") && Hub.Symbols.TryLower(stream[..at], out var symbol))
            {
                symbols.Add(symbol);
            }
        }

        SetSubscriptions(symbols);
    }
}
