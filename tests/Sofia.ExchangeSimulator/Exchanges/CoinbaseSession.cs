using System.Text.Json;
using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator.Exchanges;

/// <summary>
/// Coinbase Advanced Trade market data (<c>/</c>): one channel per subscribe message (<c>market_trades</c>,
/// <c>heartbeats</c>), a <c>subscriptions</c> message listing what is subscribed, a snapshot of recent trades on
/// subscribe, updates listing the newest trade first, and a heartbeat every second. Every message carries the
/// connection's <c>sequence_num</c>, so frames are built per connection. <c>side</c> is the maker's side, the
/// reading the client layer takes by default.
/// </summary>
internal sealed class CoinbaseSession(SimulatorHub hub, WebSocketConnection connection)
    : ExchangeSession(hub, connection, ExchangeSimulatorServer.Coinbase)
{
    private const int SnapshotTrades = 50;
    private static readonly long HeartbeatIntervalUs = (long)TimeSpan.FromSeconds(1).TotalMicroseconds;
    private readonly Lock _sendGate = new();
    private readonly HashSet<int> _symbols = [];
    private readonly long _startUs = hub.NowUs;
    private long _sequence;
    private bool _heartbeats;
    private long _heartbeatCounter;
    private long _nextHeartbeatUs;

    public override void SendOwnTrades(int symbol, ReadOnlySpan<SimulatedTrade> trades, long nowUs, Utf8Writer scratch)
    {
        var max = Hub.Options.MaxTradesPerFrame;
        lock (_sendGate)
        {
            // Newest first within a message, as Coinbase lists them.
            for (var end = trades.Length; end > 0; end -= max)
            {
                var chunk = trades[Math.Max(0, end - max)..end];
                WriteTradesMessage(scratch, "update"u8, symbol, chunk, nowUs);
                Connection.Send(FrameBlock.Text, scratch.WrittenSpan);
            }
        }
    }

    public override void OnTick(long nowUs, Utf8Writer scratch)
    {
        base.OnTick(nowUs, scratch);
        lock (_sendGate)
        {
            if (!_heartbeats || nowUs < _nextHeartbeatUs || IsStalled(nowUs))
            {
                return;
            }

            _nextHeartbeatUs = nowUs + HeartbeatIntervalUs;
            Header(scratch, "heartbeats"u8, nowUs);
            scratch.Raw("[{\"current_time\":\""u8).IsoTime(nowUs, ' ', 7).Raw("""00 +0000 UTC m=+"""u8)
                .Decimal((nowUs - _startUs) * 1000, 9, 9).Raw("\",\"heartbeat_counter\":\""u8).Int64(++_heartbeatCounter).Raw("\"}]}"u8);
            Connection.Send(FrameBlock.Text, scratch.WrittenSpan);
        }
    }

    /// <summary>An Advanced Trade trade object; also the shape of the REST ticker's trades (which add bid and ask).</summary>
    internal static void WriteTrade(Utf8Writer w, ReadOnlySpan<byte> productId, in SimulatedTrade trade) =>
        w.Raw("{\"trade_id\":\""u8).Int64(trade.TradeId)
            .Raw("\",\"product_id\":\""u8).Raw(productId)
            .Raw("\",\"price\":\""u8).TrimmedDecimal(trade.PriceMantissa, trade.PriceScale)
            .Raw("\",\"size\":\""u8).TrimmedDecimal(trade.QuantityMantissa, trade.QuantityScale)
            .Raw("\",\"time\":\""u8).IsoTime(trade.TimeUs)
            .Raw(trade.TakerIsBuyer ? "\",\"side\":\"SELL\"}"u8 : "\",\"side\":\"BUY\"}"u8);

    protected override void OnMessage(byte[] payload)
    {
        using var document = TryParse(payload);
        var root = document?.RootElement ?? default;
        var type = document is null ? null : StringOf(root, "type");
        var channel = document is null ? null : StringOf(root, "channel");
        if (type is not ("subscribe" or "unsubscribe") || channel is not ("market_trades" or "heartbeats"))
        {
            SendError(type is "subscribe" or "unsubscribe" ? "Failure to subscribe" : "Failed to parse message");
            return;
        }

        var products = new List<int>();
        if (root.TryGetProperty("product_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in ids.EnumerateArray())
            {
                if (!Hub.Symbols.TryCanonical(id.ValueKind == JsonValueKind.String ? id.GetString() : null, out var symbol))
                {
                    SendError("Failure to subscribe");
                    return;
                }

                products.Add(symbol);
            }
        }

        lock (Hub.Gate)
        {
            lock (_sendGate)
            {
                var added = Apply(type, channel, products);
                if (IsStalled(Hub.NowUs))
                {
                    return;
                }

                WriteSubscriptions();
                Connection.Send(FrameBlock.Text, Writer.WrittenSpan);
                foreach (var symbol in added)
                {
                    var recent = Hub.Histories[symbol].Newest(SnapshotTrades);
                    if (recent.Count > 0)
                    {
                        WriteTradesMessage(Writer, "snapshot"u8, symbol, recent.ToArray(), Hub.NowUs);
                        Connection.Send(FrameBlock.Text, Writer.WrittenSpan);
                    }
                }
            }
        }
    }

    protected override void WriteMalformed(int n, Utf8Writer writer)
    {
        var product = Hub.Symbols.CanonicalUtf8[0];
        switch (n % 3)
        {
            case 0:
                writer.Raw("""{"channel":"market_trades","client_id":"","timestamp":"2024-10-04T07:13:31.158696693Z","sequence_num":1,"events":[{"type":"update","tr"""u8);
                break;
            case 1:
                writer.Raw("{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2024-10-04T07:13:31.158696693Z\",\"sequence_num\":1,\"events\":[{\"type\":\"update\",\"trades\":[{\"trade_id\":\"1\",\"product_id\":\""u8)
                    .Raw(product).Raw("\",\"price\":2375.56,\"size\":\"0.5\",\"time\":\"2024-10-04T07:13:31.088388Z\",\"side\":\"BUY\"}]}]}"u8);
                break;
            default:
                writer.Raw("\u001b[31mERROR\u001b[0m internal server error"u8);
                break;
        }
    }

    private List<int> Apply(string type, string channel, List<int> products)
    {
        var added = new List<int>();
        if (channel == "heartbeats")
        {
            _heartbeats = type == "subscribe";
            _nextHeartbeatUs = Hub.NowUs + HeartbeatIntervalUs;
            return added;
        }

        foreach (var symbol in products)
        {
            if (type == "unsubscribe")
            {
                _symbols.Remove(symbol);
            }
            else if (_symbols.Add(symbol))
            {
                added.Add(symbol);
            }
        }

        SetSubscriptions(_symbols);
        return added;
    }

    private void WriteSubscriptions()
    {
        Header(Writer, "subscriptions"u8, Hub.NowUs);
        Writer.Raw("""[{"subscriptions":{"""u8);
        var comma = false;
        if (_heartbeats)
        {
            Writer.Raw("\"heartbeats\":[\"heartbeats\"]"u8);
            comma = true;
        }

        if (_symbols.Count > 0)
        {
            Writer.Raw(comma ? ",\"market_trades\":["u8 : "\"market_trades\":["u8);
            var first = true;
            foreach (var symbol in _symbols.Order())
            {
                Writer.Raw(first ? "\""u8 : ",\""u8).Raw(Hub.Symbols.CanonicalUtf8[symbol]).Byte((byte)'"');
                first = false;
            }

            Writer.Byte((byte)']');
        }

        Writer.Raw("}}]}"u8);
    }

    private void WriteTradesMessage(Utf8Writer w, ReadOnlySpan<byte> kind, int symbol, ReadOnlySpan<SimulatedTrade> oldestFirst, long nowUs)
    {
        Header(w, "market_trades"u8, nowUs);
        w.Raw("[{\"type\":\""u8).Raw(kind).Raw("\",\"trades\":["u8);
        for (var i = oldestFirst.Length - 1; i >= 0; i--)
        {
            WriteTrade(w, Hub.Symbols.CanonicalUtf8[symbol], oldestFirst[i]);
            if (i > 0)
            {
                w.Byte((byte)',');
            }
        }

        w.Raw("]}]}"u8);
    }

    private void Header(Utf8Writer w, ReadOnlySpan<byte> channel, long nowUs)
    {
        w.Clear();
        w.Raw("{\"channel\":\""u8).Raw(channel).Raw("\",\"client_id\":\"\",\"timestamp\":\""u8).IsoTime(nowUs)
            .Raw("\",\"sequence_num\":"u8).Int64(_sequence++).Raw(""","events":"""u8);
    }

    private void SendError(string message)
    {
        lock (_sendGate)
        {
            Writer.Clear();
            Writer.Raw("""{"type":"error","message":"""u8).JsonString(message).Byte((byte)'}');
            SendWriter();
        }
    }
}
