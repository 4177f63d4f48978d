using System.Text.Json;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Coinbase;

/// <summary>Coinbase frames: Advanced Trade channel messages and Exchange feed messages; and both REST trade lists.</summary>
internal static class CoinbaseParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, bool advancedSideIsMaker, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        if (!Json.TryStartObject(frame, out var reader))
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        var root = reader;
        var eventList = new EventList(symbols, advancedSideIsMaker, receiveTimeUs);
        var events = default(TradesField);
        ReadOnlySpan<byte> channel = default, type = default;
        string? message = null, reason = null;
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("channel"u8))
            {
                Json.ReadString(ref reader, out channel);
            }
            else if (name.SequenceEqual("type"u8))
            {
                Json.ReadString(ref reader, out type);
            }
            else if (name.SequenceEqual("events"u8))
            {
                // Coinbase sends the channel first, so the trades are parsed in this one pass.
                if (!events.Read(ref reader, channel.SequenceEqual("market_trades"u8), eventList, trades, out var failure))
                {
                    return failure;
                }
            }
            else if (name.SequenceEqual("message"u8))
            {
                message = Json.ReadText(ref reader);
            }
            else if (name.SequenceEqual("reason"u8))
            {
                reason = Json.ReadText(ref reader);
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

        if (events.WasRead)
        {
            return events.Result;
        }

        if (!channel.IsEmpty)
        {
            if (channel.SequenceEqual("market_trades"u8))
            {
                return events.ReadKept(eventList, trades, "events");
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
            var result = new TradeReader(symbols, null, makerSide: true, allowUnknownSide: false, receiveTimeUs).Read(ref root, ref writer.Next());
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
        if (!Json.TryStartObject(body, out var reader))
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        string? error = null, message = null;
        var list = default(TradesField);
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("trades"u8))
            {
                list.Keep(ref reader);
            }
            else if (name.SequenceEqual("error"u8))
            {
                error = Json.ReadText(ref reader);
            }
            else if (name.SequenceEqual("message"u8))
            {
                message = Json.ReadText(ref reader);
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (!list.HasKeptArray)
        {
            return error is not null || message is not null
                ? new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Code: error, Message: message)
                : FrameResult.Malformed(FrameError.MissingField, "trades");
        }

        var trade = new TradeReader(symbols, null, sideIsMaker, allowUnknownSide: true, receiveTimeUs);
        return list.ReadKept(new TradeList<TradeReader>(trade, "trades"), trades, "trades");
    }

    /// <summary>Exchange <c>GET /products/{id}/trades</c>: an array of <c>{time, trade_id, price, size, side}</c>, side = maker side.</summary>
    public static FrameResult ParseExchangeTrades(ReadOnlySpan<byte> body, string symbol, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            string? message = null;
            while (Json.NextProperty(ref reader, out var name))
            {
                if (name.SequenceEqual("message"u8))
                {
                    message = Json.ReadText(ref reader);
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

        var trade = new TradeReader(null, symbol, makerSide: true, allowUnknownSide: false, receiveTimeUs);
        return new TradeList<TradeReader>(trade, "trades").Read(ref reader, trades);
    }

    /// <summary>The events of a market_trades message, each with an array of trades.</summary>
    private readonly struct EventList(SymbolMap symbols, bool sideIsMaker, long receiveTimeUs) : ITradeListReader
    {
        public FrameResult Read(ref Utf8JsonReader reader, Span<ParsedTrade> trades)
        {
            var writer = new TradeWriter(trades);
            var trade = new TradeReader(symbols, null, sideIsMaker, allowUnknownSide: false, receiveTimeUs);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "events");
                }

                while (Json.NextProperty(ref reader, out var name))
                {
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

                    var result = TradeArray.Read(ref reader, trade, ref writer, "trades");
                    if (result.Kind != FrameKind.None)
                    {
                        return result;
                    }
                }
            }

            return writer.Finish();
        }
    }

    /// <summary>
    /// One trade: a market_trades entry, an Exchange feed match (the root object) or a REST trade. The side is the
    /// maker's where <paramref name="makerSide"/>; an unknown side is allowed where <paramref name="allowUnknownSide"/>.
    /// </summary>
    private readonly struct TradeReader(SymbolMap? symbols, string? symbol, bool makerSide, bool allowUnknownSide, long receiveTimeUs) : ITradeReader
    {
        public FrameResult Read(ref Utf8JsonReader reader, ref ParsedTrade trade)
        {
            var t = default(TradeFields);
            while (!t.Failed && Json.NextProperty(ref reader, out var name))
            {
                if (name.SequenceEqual("price"u8))
                {
                    t.ReadPrice(ref reader, "price");
                }
                else if (name.SequenceEqual("size"u8))
                {
                    t.ReadQuantity(ref reader, "size");
                }
                else if (name.SequenceEqual("side"u8))
                {
                    if (Json.ReadString(ref reader, out var side))
                    {
                        t.Side = ParseSide(side, makerSide);
                        t.HasSide = true;
                    }
                    else
                    {
                        t.Fail(FrameError.WrongType, "side");
                    }
                }
                else if (name.SequenceEqual("product_id"u8))
                {
                    t.ReadSymbol(ref reader, "product_id");
                }
                else if (name.SequenceEqual("trade_id"u8))
                {
                    t.ReadId(ref reader, "trade_id");
                }
                else if (name.SequenceEqual("time"u8))
                {
                    t.ReadTimeText(ref reader, "time");
                }
                else
                {
                    Json.SkipValue(ref reader);
                }
            }

            return !t.Failed
                && t.ResolveSymbol(symbols, symbol, "product_id")
                && t.SetTradeId(ref trade, "trade_id")
                && t.RequirePrice("price")
                && t.RequireQuantity("size")
                && t.RequireSide("side")
                && (t.Side != Side.Unspecified || allowUnknownSide || t.Fail(FrameError.InvalidSide, "side"))
                && t.RequireIsoTime("time")
                ? t.Write(ref trade, receiveTimeUs)
                : t.Failure;
        }
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
