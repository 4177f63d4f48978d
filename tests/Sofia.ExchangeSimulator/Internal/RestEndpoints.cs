using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sofia.ExchangeSimulator.Exchanges;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>The public REST trade endpoints that backfill uses, with each exchange's paths, paging, limits, shapes and errors.</summary>
internal static class RestEndpoints
{
    public static void Map(WebApplication app, SimulatorHub hub, IReadOnlySet<string> exchanges)
    {
        if (exchanges.Contains(ExchangeSimulatorServer.Binance))
        {
            app.MapGet("/api/v3/trades", (HttpContext c) => BinanceAsync(c, hub, historical: false));
            app.MapGet("/api/v3/historicalTrades", (HttpContext c) => BinanceAsync(c, hub, historical: true));
        }

        if (exchanges.Contains(ExchangeSimulatorServer.Bybit))
        {
            app.MapGet("/v5/market/recent-trade", (HttpContext c) => BybitAsync(c, hub));
        }

        if (exchanges.Contains(ExchangeSimulatorServer.Okx))
        {
            app.MapGet("/api/v5/market/trades", (HttpContext c) => OkxAsync(c, hub, history: false));
            app.MapGet("/api/v5/market/history-trades", (HttpContext c) => OkxAsync(c, hub, history: true));
        }

        if (exchanges.Contains(ExchangeSimulatorServer.Coinbase))
        {
            app.MapGet("/api/v3/brokerage/market/products/{productId}/ticker", (HttpContext c, string productId) => CoinbaseTickerAsync(c, hub, productId));
            app.MapGet("/products/{productId}/trades", (HttpContext c, string productId) => CoinbaseExchangeAsync(c, hub, productId));
        }
    }

    private static Task BinanceAsync(HttpContext context, SimulatorHub hub, bool historical)
    {
        var query = context.Request.Query;
        using var w = new Utf8Writer();
        if (string.IsNullOrEmpty(query["symbol"]))
        {
            w.Raw("""{"code":-1102,"msg":"Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."}"""u8);
            return WriteAsync(context, 400, w);
        }

        if (!hub.Symbols.TryCompact(query["symbol"], out var symbol))
        {
            w.Raw("""{"code":-1121,"msg":"Invalid symbol."}"""u8);
            return WriteAsync(context, 400, w);
        }

        if (!TryLong(query["limit"], 500, out var limit) || !TryLong(query["fromId"], -1, out var fromId))
        {
            w.Raw("""{"code":-1100,"msg":"Illegal characters found in a parameter."}"""u8);
            return WriteAsync(context, 400, w);
        }

        limit = Math.Clamp(limit, 1, 1000);
        var trades = historical && fromId >= 0 ? hub.Histories[symbol].From(fromId, (int)limit) : hub.Histories[symbol].Newest((int)limit);
        w.Byte((byte)'[');
        for (var i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            w.Raw(i == 0 ? """{"id":"""u8 : """,{"id":"""u8).Int64(t.TradeId)
                .Raw(",\"price\":\""u8).Decimal(t.PriceMantissa, t.PriceScale, Math.Max(8, t.PriceScale))
                .Raw("\",\"qty\":\""u8).Decimal(t.QuantityMantissa, t.QuantityScale, Math.Max(8, t.QuantityScale))
                .Raw("\",\"quoteQty\":\""u8).Ascii((t.Price * t.Quantity).ToString("0.########", CultureInfo.InvariantCulture))
                .Raw("\",\"time\":"u8).Int64(t.TimeUs / 1000)
                .Raw(t.TakerIsBuyer ? ""","isBuyerMaker":false,"isBestMatch":true}"""u8 : ""","isBuyerMaker":true,"isBestMatch":true}"""u8);
        }

        w.Byte((byte)']');
        return WriteAsync(context, 200, w);
    }

    private static Task BybitAsync(HttpContext context, SimulatorHub hub)
    {
        var query = context.Request.Query;
        using var w = new Utf8Writer();
        var nowMs = hub.NowUs / 1000;
        if (query["category"] != "spot")
        {
            w.Raw("""{"retCode":10001,"retMsg":"params error: Category is invalid","result":{},"retExtInfo":{},"time":"""u8).Int64(nowMs).Byte((byte)'}');
            return WriteAsync(context, 200, w);
        }

        if (!hub.Symbols.TryCompact(query["symbol"], out var symbol) || !TryLong(query["limit"], 60, out var limit))
        {
            w.Raw("""{"retCode":10001,"retMsg":"params error: symbol invalid","result":{},"retExtInfo":{},"time":"""u8).Int64(nowMs).Byte((byte)'}');
            return WriteAsync(context, 200, w);
        }

        var trades = hub.Histories[symbol].Newest((int)Math.Clamp(limit, 1, 60));
        w.Raw("""{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":["""u8);
        for (var i = trades.Count - 1; i >= 0; i--)
        {
            var t = trades[i];
            w.Raw("{\"execId\":\""u8).Int64(BybitSession.IdOffset + t.TradeId)
                .Raw("\",\"symbol\":\""u8).Raw(hub.Symbols.CompactUtf8[symbol])
                .Raw("\",\"price\":\""u8).Decimal(t.PriceMantissa, t.PriceScale, t.PriceScale)
                .Raw("\",\"size\":\""u8).TrimmedDecimal(t.QuantityMantissa, t.QuantityScale)
                .Raw(t.TakerIsBuyer ? "\",\"side\":\"Buy\",\"time\":\""u8 : "\",\"side\":\"Sell\",\"time\":\""u8).Int64(t.TimeUs / 1000)
                .Raw(i > 0 ? "\",\"isBlockTrade\":false,\"isRPITrade\":false},"u8 : "\",\"isBlockTrade\":false,\"isRPITrade\":false}"u8);
        }

        w.Raw("""]},"retExtInfo":{},"time":"""u8).Int64(nowMs).Byte((byte)'}');
        return WriteAsync(context, 200, w);
    }

    private static Task OkxAsync(HttpContext context, SimulatorHub hub, bool history)
    {
        var query = context.Request.Query;
        using var w = new Utf8Writer();
        if (!hub.Symbols.TryCanonical(query["instId"], out var symbol))
        {
            w.Raw("""{"code":"51001","msg":"Instrument ID does not exist","data":[]}"""u8);
            return WriteAsync(context, 200, w);
        }

        if (!TryLong(query["limit"], 100, out var limit) || !TryLong(query["after"], -1, out var after) || !TryLong(query["before"], -1, out var before)
            || (history && query["type"].Count > 0 && query["type"] != "1"))
        {
            // Paging by timestamp (type=2) is not simulated; backfill pages by trade id.
            w.Raw("""{"code":"50014","msg":"Parameter type error","data":[]}"""u8);
            return WriteAsync(context, 200, w);
        }

        var max = Math.Clamp(limit, 1, history ? 100 : 500);
        var ring = hub.Histories[symbol];
        var trades = !history ? ring.Newest((int)max)
            : after >= 0 ? ring.Before(after, (int)max)
            : before >= 0 ? ring.From(before + 1, (int)max)
            : ring.Newest((int)max);
        w.Raw("""{"code":"0","msg":"","data":["""u8);
        for (var i = trades.Count - 1; i >= 0; i--)
        {
            OkxSession.WriteTrade(w, hub.Symbols.CanonicalUtf8[symbol], trades[i]);
            if (i > 0)
            {
                w.Byte((byte)',');
            }
        }

        w.Raw("]}"u8);
        return WriteAsync(context, 200, w);
    }

    private static Task CoinbaseTickerAsync(HttpContext context, SimulatorHub hub, string productId)
    {
        using var w = new Utf8Writer();
        if (!hub.Symbols.TryCanonical(productId, out var symbol) || !TryLong(context.Request.Query["limit"], 100, out var limit))
        {
            w.Raw("""{"error":"NOT_FOUND","error_details":"ProductID is invalid","message":"ProductID is invalid"}"""u8);
            return WriteAsync(context, 404, w);
        }

        var trades = hub.Histories[symbol].Newest((int)Math.Clamp(limit, 1, 1000));
        w.Raw("""{"trades":["""u8);
        for (var i = trades.Count - 1; i >= 0; i--)
        {
            CoinbaseSession.WriteTrade(w, hub.Symbols.CanonicalUtf8[symbol], trades[i]);
            w.Truncate(w.Length - 1);
            w.Raw(i > 0 ? ""","bid":"","ask":"","exchange":"coinbase"},"""u8 : ""","bid":"","ask":"","exchange":"coinbase"}"""u8);
        }

        var last = trades.Count > 0 ? trades[^1].PriceMantissa : hub.LastStreamedPrice[symbol];
        var scale = hub.Options.Market.Symbols[symbol].PriceDecimals;
        w.Raw("],\"best_bid\":\""u8).TrimmedDecimal(last - 1, scale).Raw("\",\"best_ask\":\""u8).TrimmedDecimal(last + 1, scale).Raw("\"}"u8);
        return WriteAsync(context, 200, w);
    }

    private static Task CoinbaseExchangeAsync(HttpContext context, SimulatorHub hub, string productId)
    {
        var query = context.Request.Query;
        using var w = new Utf8Writer();
        if (!hub.Symbols.TryCanonical(productId, out var symbol))
        {
            w.Raw("""{"message":"NotFound"}"""u8);
            return WriteAsync(context, 404, w);
        }

        if (!TryLong(query["limit"], 1000, out var limit) || !TryLong(query["after"], -1, out var after) || !TryLong(query["before"], -1, out var before))
        {
            w.Raw("""{"message":"Invalid limit, after or before"}"""u8);
            return WriteAsync(context, 400, w);
        }

        // The cursor is the trade id: "after" pages to older trades, "before" to newer ones.
        var ring = hub.Histories[symbol];
        var max = (int)Math.Clamp(limit, 1, 1000);
        var trades = after >= 0 ? ring.Before(after, max) : before >= 0 ? ring.From(before + 1, max) : ring.Newest(max);
        if (trades.Count > 0)
        {
            context.Response.Headers["CB-BEFORE"] = trades[^1].TradeId.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["CB-AFTER"] = trades[0].TradeId.ToString(CultureInfo.InvariantCulture);
        }

        w.Byte((byte)'[');
        for (var i = trades.Count - 1; i >= 0; i--)
        {
            var t = trades[i];
            w.Raw("{\"time\":\""u8).IsoTime(t.TimeUs)
                .Raw("\",\"trade_id\":"u8).Int64(t.TradeId)
                .Raw(",\"price\":\""u8).Decimal(t.PriceMantissa, t.PriceScale, Math.Max(8, t.PriceScale))
                .Raw("\",\"size\":\""u8).Decimal(t.QuantityMantissa, t.QuantityScale, Math.Max(8, t.QuantityScale))
                .Raw(t.TakerIsBuyer ? "\",\"side\":\"sell\"}"u8 : "\",\"side\":\"buy\"}"u8);
            if (i > 0)
            {
                w.Byte((byte)',');
            }
        }

        w.Byte((byte)']');
        return WriteAsync(context, 200, w);
    }

    private static bool TryLong(Microsoft.Extensions.Primitives.StringValues value, long fallback, out long result)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            result = fallback;
            return true;
        }

        return long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }

    private static Task WriteAsync(HttpContext context, int status, Utf8Writer body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body.WrittenSpan.ToArray(), context.RequestAborted).AsTask();
    }
}
