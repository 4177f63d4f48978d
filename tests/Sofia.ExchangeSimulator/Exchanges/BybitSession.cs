using System.Text.Json;
using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator.Exchanges;

/// <summary>
/// Bybit v5 public spot (<c>/v5/public/spot</c>): <c>{"op":"subscribe","args":["publicTrade.BTCUSDT"]}</c> with a
/// <c>success</c> ack, <c>{"op":"ping"}</c> answered with <c>ret_msg</c> "pong", and <c>publicTrade</c> snapshots
/// that carry several trades per frame (taker side <c>S</c>, tick direction <c>L</c>, string ids).
/// </summary>
internal sealed class BybitSession(SimulatorHub hub, WebSocketConnection connection)
    : ExchangeSession(hub, connection, ExchangeSimulatorServer.Bybit)
{
    /// <summary>Bybit spot execution ids are large numbers; the simulator offsets its per-symbol ids into that range.</summary>
    internal const long IdOffset = 2_100_000_000_000_000_000;

    private readonly HashSet<int> _symbols = [];

    public override int SharedFormat => 2;

    public override void EncodeShared(FrameBlock block, int symbol, ReadOnlySpan<SimulatedTrade> trades, long nowUs, Utf8Writer scratch)
    {
        var previous = Hub.LastStreamedPrice[symbol];
        var direction = Hub.LastTickDirection[symbol];
        var max = Hub.Options.MaxTradesPerFrame;
        for (var start = 0; start < trades.Length; start += max)
        {
            scratch.Clear();
            scratch.Raw("""{"topic":"publicTrade."""u8).Raw(Hub.Symbols.CompactUtf8[symbol])
                .Raw("\",\"type\":\"snapshot\",\"ts\":"u8).Int64(nowUs / 1000).Raw(""","data":["""u8);
            var chunk = trades.Slice(start, Math.Min(max, trades.Length - start));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0)
                {
                    scratch.Byte((byte)',');
                }

                ref readonly var trade = ref chunk[i];
                var tick = trade.PriceMantissa > previous ? "PlusTick"u8
                    : trade.PriceMantissa < previous ? "MinusTick"u8
                    : direction >= 0 ? "ZeroPlusTick"u8 : "ZeroMinusTick"u8;
                direction = SimulatorHub.TickDirection(previous, direction, trade.PriceMantissa);
                previous = trade.PriceMantissa;
                scratch.Raw("""{"T":"""u8).Int64(trade.TimeUs / 1000)
                    .Raw(",\"s\":\""u8).Raw(Hub.Symbols.CompactUtf8[symbol])
                    .Raw(trade.TakerIsBuyer ? "\",\"S\":\"Buy\",\"v\":\""u8 : "\",\"S\":\"Sell\",\"v\":\""u8).TrimmedDecimal(trade.QuantityMantissa, trade.QuantityScale)
                    .Raw("\",\"p\":\""u8).Decimal(trade.PriceMantissa, trade.PriceScale, trade.PriceScale)
                    .Raw("\",\"L\":\""u8).Raw(tick)
                    .Raw("\",\"i\":\""u8).Int64(IdOffset + trade.TradeId)
                    .Raw("\",\"BT\":false,\"seq\":"u8).Int64(trade.TradeId).Byte((byte)'}');
            }

            scratch.Raw("]}"u8);
            block.Append(FrameBlock.Text, scratch.WrittenSpan);
        }
    }

    protected override void OnMessage(byte[] payload)
    {
        using var document = TryParse(payload);
        Writer.Clear();
        var root = document?.RootElement ?? default;
        var op = document is null ? null : StringOf(root, "op");
        var requestId = document is null ? null : StringOf(root, "req_id");
        switch (op)
        {
            case "ping":
                Writer.Raw("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\""u8).Ascii(ConnectionId);
                if (requestId is not null)
                {
                    Writer.Raw("\",\"req_id\":"u8).JsonString(requestId);
                }
                else
                {
                    Writer.Byte((byte)'"');
                }

                Writer.Raw(""","op":"ping"}"""u8);
                break;
            case "subscribe" or "unsubscribe":
                var error = Apply(op, root);
                Writer.Raw(error is null ? """{"success":true,"ret_msg":"""u8 : """{"success":false,"ret_msg":"""u8)
                    .JsonString(error ?? op).Raw(",\"conn_id\":\""u8).Ascii(ConnectionId)
                    .Raw("\",\"req_id\":"u8).JsonString(requestId ?? string.Empty)
                    .Raw(""","op":"""u8).JsonString(op).Byte((byte)'}');
                break;
            default:
                Writer.Raw("{\"success\":false,\"ret_msg\":\"error:request not supported\",\"conn_id\":\""u8).Ascii(ConnectionId)
                    .Raw("\",\"req_id\":"u8).JsonString(requestId ?? string.Empty).Raw(""","op":"""u8).JsonString(op ?? string.Empty).Byte((byte)'}');
                break;
        }

        SendWriter();
    }

    protected override void WriteMalformed(int n, Utf8Writer writer)
    {
        var symbol = Hub.Symbols.CompactUtf8[0];
        switch (n % 3)
        {
            case 0:
                writer.Raw("""{"topic":"publicTrade."""u8).Raw(symbol).Raw("\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1,\"s\":\""u8).Raw(symbol).Raw("\",\"S\":\"Bu"u8);
                break;
            case 1:
                writer.Raw("""{"topic":"publicTrade."""u8).Raw(symbol).Raw("\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":1,\"s\":\""u8).Raw(symbol)
                    .Raw("\",\"S\":\"Buy\",\"v\":0.001,\"p\":\"60000.00\",\"L\":\"PlusTick\",\"i\":\"1\",\"BT\":false}]}"u8);
                break;
            default:
                writer.Raw("upstream connect error or disconnect/reset before headers"u8);
                break;
        }
    }

    private string? Apply(string op, JsonElement root)
    {
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            return "error:args is not an array";
        }

        var symbols = new List<int>();
        foreach (var arg in args.EnumerateArray())
        {
            var topic = arg.ValueKind == JsonValueKind.String ? arg.GetString()! : arg.GetRawText();
            if (!topic.StartsWith("publicTrade.", StringComparison.Ordinal) || !Hub.Symbols.TryCompact(topic["publicTrade.".Length..], out var symbol))
            {
                return "Invalid symbol :[" + topic + "]";
            }

            symbols.Add(symbol);
        }

        lock (Hub.Gate)
        {
            foreach (var symbol in symbols)
            {
                _ = op == "subscribe" ? _symbols.Add(symbol) : _symbols.Remove(symbol);
            }

            SetSubscriptions(_symbols);
        }

        return null;
    }
}
