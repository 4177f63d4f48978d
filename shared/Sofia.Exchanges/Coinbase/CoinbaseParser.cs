using System.Text.Json;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Coinbase;

/// <summary>Coinbase frames: Advanced Trade channel messages and Exchange feed messages; and both REST trade lists.</summary>
internal static class CoinbaseParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, bool advancedSideIsMaker, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        var root = reader;
        ReadOnlySpan<byte> channel = default, type = default;
        string? message = null, reason = null;
        var events = default(Utf8JsonReader);
        var hasEvents = false;
        FrameResult? inline = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("channel"u8))
            {
                reader.Read();
                Json.TryString(ref reader, out channel);
            }
            else if (name.SequenceEqual("type"u8))
            {
                reader.Read();
                Json.TryString(ref reader, out type);
            }
            else if (name.SequenceEqual("events"u8))
            {
                reader.Read();
                if (channel.SequenceEqual("market_trades"u8) && reader.TokenType == JsonTokenType.StartArray)
                {
                    // The channel came first, as Coinbase sends it: parse the trades in this one pass.
                    var parsed = ReadEvents(symbols, advancedSideIsMaker, ref reader, receiveTimeUs, trades);
                    if (parsed.Kind is not (FrameKind.Trades or FrameKind.BufferTooSmall))
                    {
                        return parsed;
                    }

                    inline = parsed;
                }
                else
                {
                    events = reader;
                    hasEvents = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                }
            }
            else if (name.SequenceEqual("message"u8))
            {
                reader.Read();
                message = Json.Text(ref reader);
            }
            else if (name.SequenceEqual("reason"u8))
            {
                reader.Read();
                reason = Json.Text(ref reader);
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (!Json.AtEnd(ref reader))
        {
            return FrameResult.Malformed(FrameError.InvalidJson);
        }

        if (inline is { } done)
        {
            return done;
        }

        if (!channel.IsEmpty)
        {
            if (channel.SequenceEqual("market_trades"u8))
            {
                return hasEvents ? ReadEvents(symbols, advancedSideIsMaker, ref events, receiveTimeUs, trades) : FrameResult.Malformed(FrameError.MissingField, "events");
            }

            if (channel.SequenceEqual("heartbeats"u8))
            {
                return new FrameResult(FrameKind.Heartbeat);
            }

            return channel.SequenceEqual("subscriptions"u8) ? new FrameResult(FrameKind.SubscribeAck) : FrameResult.Ignored("channel");
        }

        if (type.SequenceEqual("match"u8) || type.SequenceEqual("last_match"u8))
        {
            // Exchange feed: the trade's fields sit on the root object, in any order; read it again.
            var writer = new TradeWriter(trades);
            var result = ReadTrade(symbols, null, makerSide: true, allowUnknownSide: false, ref root, receiveTimeUs, ref writer.Next());
            return result.Kind == FrameKind.None ? writer.Finish() : result;
        }

        if (type.SequenceEqual("heartbeat"u8))
        {
            return new FrameResult(FrameKind.Heartbeat);
        }

        if (type.SequenceEqual("subscriptions"u8))
        {
            return new FrameResult(FrameKind.SubscribeAck);
        }

        if (type.SequenceEqual("error"u8))
        {
            return new FrameResult(FrameKind.SubscribeError, Code: reason, Message: message);
        }

        return type.IsEmpty ? FrameResult.Unknown(FrameError.UnrecognizedMessage) : FrameResult.Ignored("type");
    }

    /// <summary>Advanced Trade <c>GET /api/v3/brokerage/market/products/{id}/ticker</c>: <c>{"trades":[..],"best_bid":..,"best_ask":..}</c>.</summary>
    public static FrameResult ParseMarketTrades(SymbolMap symbols, bool sideIsMaker, ReadOnlySpan<byte> body, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        string? error = null, message = null;
        var list = default(Utf8JsonReader);
        var hasList = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("trades"u8))
            {
                reader.Read();
                list = reader;
                hasList = reader.TokenType == JsonTokenType.StartArray;
                reader.Skip();
            }
            else if (name.SequenceEqual("error"u8))
            {
                reader.Read();
                error = Json.Text(ref reader);
            }
            else if (name.SequenceEqual("message"u8))
            {
                reader.Read();
                message = Json.Text(ref reader);
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (!hasList)
        {
            return error is not null || message is not null
                ? new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Code: error, Message: message)
                : FrameResult.Malformed(FrameError.MissingField, "trades");
        }

        var writer = new TradeWriter(trades);
        var result = ReadTradeArray(symbols, null, sideIsMaker, allowUnknownSide: true, ref list, receiveTimeUs, ref writer);
        return result.Kind == FrameKind.None ? writer.Finish() : result;
    }

    /// <summary>Exchange <c>GET /products/{id}/trades</c>: an array of <c>{time, trade_id, price, size, side}</c>, side = maker side.</summary>
    public static FrameResult ParseExchangeTrades(ReadOnlySpan<byte> body, string symbol, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            string? message = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = Json.Name(ref reader);
                if (name.SequenceEqual("message"u8))
                {
                    reader.Read();
                    message = Json.Text(ref reader);
                }
                else
                {
                    Json.SkipValue(ref reader);
                }
            }

            return new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Message: message);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FrameResult.Malformed(FrameError.WrongType);
        }

        var writer = new TradeWriter(trades);
        var result = ReadTradeArray(null, symbol, makerSide: true, allowUnknownSide: false, ref reader, receiveTimeUs, ref writer);
        return result.Kind == FrameKind.None ? writer.Finish() : result;
    }

    private static FrameResult ReadEvents(SymbolMap symbols, bool sideIsMaker, ref Utf8JsonReader reader, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var writer = new TradeWriter(trades);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FrameResult.Malformed(FrameError.WrongType, "events");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = Json.Name(ref reader);
                if (!name.SequenceEqual("trades"u8))
                {
                    Json.SkipValue(ref reader);
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "trades");
                }

                var result = ReadTradeArray(symbols, null, sideIsMaker, allowUnknownSide: false, ref reader, receiveTimeUs, ref writer);
                if (result.Kind != FrameKind.None)
                {
                    return result;
                }
            }
        }

        return writer.Finish();
    }

    private static FrameResult ReadTradeArray(
        SymbolMap? symbols, string? symbol, bool makerSide, bool allowUnknownSide, ref Utf8JsonReader reader, long receiveTimeUs, ref TradeWriter writer)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FrameResult.Malformed(FrameError.WrongType, "trades");
            }

            var result = ReadTrade(symbols, symbol, makerSide, allowUnknownSide, ref reader, receiveTimeUs, ref writer.Next());
            if (result.Kind != FrameKind.None)
            {
                return result;
            }
        }

        return default;
    }

    private static FrameResult ReadTrade(
        SymbolMap? symbols, string? symbol, bool makerSide, bool allowUnknownSide, ref Utf8JsonReader reader, long receiveTimeUs, ref ParsedTrade trade)
    {
        ReadOnlySpan<byte> product = default, id = default, time = default, sideText = default;
        bool hasPrice = false, hasSize = false, hasSide = false;
        long price = 0, size = 0;
        uint priceScale = 0, sizeScale = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("price"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "price");
                }

                hasPrice = Json.TryDecimal(ref reader, out price, out priceScale);
                if (!hasPrice)
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "price");
                }
            }
            else if (name.SequenceEqual("size"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "size");
                }

                hasSize = Json.TryDecimal(ref reader, out size, out sizeScale);
                if (!hasSize)
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "size");
                }
            }
            else if (name.SequenceEqual("side"u8))
            {
                reader.Read();
                hasSide = Json.TryString(ref reader, out sideText);
                if (!hasSide)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "side");
                }
            }
            else if (name.SequenceEqual("product_id"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out product))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "product_id");
                }
            }
            else if (name.SequenceEqual("trade_id"u8))
            {
                reader.Read();
                if (!Json.TryScalar(ref reader, out id))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "trade_id");
                }
            }
            else if (name.SequenceEqual("time"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out time))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "time");
                }
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        var canonical = symbol;
        if (canonical is null)
        {
            if (product.IsEmpty)
            {
                return FrameResult.Malformed(FrameError.MissingField, "product_id");
            }

            if (!symbols!.TryGetCanonical(product, out canonical))
            {
                return FrameResult.Unknown(FrameError.UnknownSymbol, "product_id");
            }
        }

        if (id.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "trade_id");
        }

        if (!trade.TrySetTradeId(id))
        {
            return FrameResult.Malformed(FrameError.InvalidTradeId, "trade_id");
        }

        if (!hasPrice)
        {
            return FrameResult.Malformed(FrameError.MissingField, "price");
        }

        if (!hasSize)
        {
            return FrameResult.Malformed(FrameError.MissingField, "size");
        }

        if (!hasSide)
        {
            return FrameResult.Malformed(FrameError.MissingField, "side");
        }

        var side = ParseSide(sideText, makerSide);
        if (side == Side.Unspecified && !allowUnknownSide)
        {
            return FrameResult.Malformed(FrameError.InvalidSide, "side");
        }

        if (time.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "time");
        }

        if (!IsoTime.TryParseMicros(time, out var timeUs))
        {
            return FrameResult.Malformed(FrameError.InvalidTimestamp, "time");
        }

        trade.Symbol = canonical;
        trade.PriceMantissa = price;
        trade.PriceScale = priceScale;
        trade.QuantityMantissa = size;
        trade.QuantityScale = sizeScale;
        trade.AggressorSide = side;
        trade.TradeIdCount = 1;
        trade.ExchangeTimeUs = timeUs;
        trade.ReceiveTimeUs = receiveTimeUs;
        return default;
    }

    private static Side ParseSide(ReadOnlySpan<byte> text, bool makerSide)
    {
        Side side;
        if (text.SequenceEqual("BUY"u8) || text.SequenceEqual("buy"u8))
        {
            side = Side.Buy;
        }
        else if (text.SequenceEqual("SELL"u8) || text.SequenceEqual("sell"u8))
        {
            side = Side.Sell;
        }
        else
        {
            return Side.Unspecified;
        }

        // A resting (maker) buy was hit by a taker sell, and the other way round.
        return !makerSide ? side : side == Side.Buy ? Side.Sell : Side.Buy;
    }
}
