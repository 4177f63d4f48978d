using System.Text.Json;
using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator.Exchanges;

/// <summary>
/// OKX v5: <c>trades</c> on <c>/ws/v5/public</c> or <c>trades-all</c> on <c>/ws/v5/business</c>; one ack per
/// subscribed arg; the text <c>ping</c> answered with <c>pong</c>; pushes of several trades with string numbers;
/// a <c>notice</c> (code 64008) before a planned close.
/// </summary>
internal sealed class OkxSession(SimulatorHub hub, WebSocketConnection connection, bool business)
    : ExchangeSession(hub, connection, ExchangeSimulatorServer.Okx)
{
    private readonly HashSet<int> _symbols = [];

    public override int SharedFormat => business ? 4 : 3;

    private string Channel => business ? "trades-all" : "trades";

    public override void EncodeShared(FrameBlock block, int symbol, ReadOnlySpan<SimulatedTrade> trades, long nowUs, Utf8Writer scratch)
    {
        var instId = Hub.Symbols.CanonicalUtf8[symbol];
        var max = Hub.Options.MaxTradesPerFrame;
        for (var start = 0; start < trades.Length; start += max)
        {
            scratch.Clear();
            scratch.Raw("{\"arg\":{\"channel\":\""u8).Ascii(Channel).Raw("\",\"instId\":\""u8).Raw(instId).Raw("\"},\"data\":["u8);
            var chunk = trades.Slice(start, Math.Min(max, trades.Length - start));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0)
                {
                    scratch.Byte((byte)',');
                }

                WriteTrade(scratch, instId, chunk[i]);
                if (!business)
                {
                    // One simulated trade is one taker order here, so the aggregate covers one id.
                    scratch.Truncate(scratch.Length - 1);
                    scratch.Raw(""","count":"1","seqId":"""u8).Int64(chunk[i].TradeId).Byte((byte)'}');
                }
            }

            scratch.Raw("]}"u8);
            block.Append(FrameBlock.Text, scratch.WrittenSpan);
        }
    }

    public override void AnnounceShutdown(long nowUs, long closeAtUs)
    {
        var writer = new Utf8Writer(256);
        writer.Raw("{\"event\":\"notice\",\"code\":\"64008\",\"msg\":\"The connection will soon be closed for a service upgrade. Please reconnect.\",\"connId\":\""u8)
            .Ascii(ConnectionId).Raw("\"}"u8);
        SendText(writer.WrittenSpan);
        writer.Dispose();
        base.AnnounceShutdown(nowUs, closeAtUs);
    }

    /// <summary><c>{"instId":..,"tradeId":..,"px":..,"sz":..,"side":..,"source":"0","ts":..}</c> (the REST shape too).</summary>
    internal static void WriteTrade(Utf8Writer w, ReadOnlySpan<byte> instId, in SimulatedTrade trade) =>
        w.Raw("{\"instId\":\""u8).Raw(instId)
            .Raw("\",\"tradeId\":\""u8).Int64(trade.TradeId)
            .Raw("\",\"px\":\""u8).Decimal(trade.PriceMantissa, trade.PriceScale, trade.PriceScale)
            .Raw("\",\"sz\":\""u8).TrimmedDecimal(trade.QuantityMantissa, trade.QuantityScale)
            .Raw(trade.TakerIsBuyer ? "\",\"side\":\"buy\",\"source\":\"0\",\"ts\":\""u8 : "\",\"side\":\"sell\",\"source\":\"0\",\"ts\":\""u8)
            .Int64(trade.TimeUs / 1000).Raw("\"}"u8);

    protected override void OnMessage(byte[] payload)
    {
        if (payload.AsSpan().SequenceEqual("ping"u8))
        {
            SendText("pong"u8);
            return;
        }

        using var document = TryParse(payload);
        var op = document is null ? null : StringOf(document.RootElement, "op");
        if (document is null || op is not ("subscribe" or "unsubscribe")
            || !document.RootElement.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
        {
            Writer.Clear();
            Writer.Raw("""{"event":"error","code":"60012","msg":"""u8)
                .JsonString("Invalid request: " + System.Text.Encoding.UTF8.GetString(payload))
                .Raw(",\"connId\":\""u8).Ascii(ConnectionId).Raw("\"}"u8);
            SendWriter();
            return;
        }

        var id = StringOf(document.RootElement, "id");
        foreach (var arg in args.EnumerateArray())
        {
            var channel = StringOf(arg, "channel");
            var instId = StringOf(arg, "instId");
            Writer.Clear();
            if (channel != Channel || !Hub.Symbols.TryCanonical(instId, out var symbol))
            {
                WriteId(id);
                Writer.Raw("\"event\":\"error\",\"code\":\"60018\",\"msg\":"u8)
                    .JsonString($"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.")
                    .Raw(",\"connId\":\""u8).Ascii(ConnectionId).Raw("\"}"u8);
                SendWriter();
                continue;
            }

            lock (Hub.Gate)
            {
                _ = op == "subscribe" ? _symbols.Add(symbol) : _symbols.Remove(symbol);
                SetSubscriptions(_symbols);
            }

            WriteId(id);
            Writer.Raw("\"event\":"u8).JsonString(op).Raw(",\"arg\":{\"channel\":\""u8).Ascii(Channel)
                .Raw("\",\"instId\":\""u8).Raw(Hub.Symbols.CanonicalUtf8[symbol]).Raw("\"},\"connId\":\""u8).Ascii(ConnectionId).Raw("\"}"u8);
            SendWriter();
        }
    }

    protected override void WriteMalformed(int n, Utf8Writer writer)
    {
        var instId = Hub.Symbols.CanonicalUtf8[0];
        switch (n % 3)
        {
            case 0:
                writer.Raw("{\"arg\":{\"channel\":\"trades\",\"instId\":\""u8).Raw(instId).Raw("\"},\"data\":[{\"instId\":\""u8).Raw(instId).Raw("\",\"tradeId\":\"1\",\"px\":\"6"u8);
                break;
            case 1:
                writer.Raw("{\"arg\":{\"channel\":\"trades\",\"instId\":\""u8).Raw(instId).Raw("\"},\"data\":[{\"instId\":\""u8).Raw(instId)
                    .Raw("\",\"tradeId\":\"1\",\"px\":60000.1,\"sz\":\"0.1\",\"side\":\"buy\",\"ts\":\"1\",\"count\":\"1\"}]}"u8);
                break;
            default:
                writer.Raw("{\"arg\":{\"channel\":\"trades\""u8);
                break;
        }
    }

    private void WriteId(string? id)
    {
        Writer.Byte((byte)'{');
        if (id is not null)
        {
            Writer.Raw("\"id\":"u8).JsonString(id).Byte((byte)',');
        }
    }
}
