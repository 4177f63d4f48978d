using System.Text;
using System.Text.Json;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Okx;

/// <summary>OKX v5 frames (trade pushes, events, text pong) and the market trades REST responses, which share one shape.</summary>
internal static class OkxParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades, bool rest)
    {
        if (frame.SequenceEqual("pong"u8))
        {
            return new FrameResult(FrameKind.Pong);
        }

        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        ReadOnlySpan<byte> evt = default, channel = default;
        string? code = null, message = null, id = null;
        var data = default(Utf8JsonReader);
        var hasData = false;
        FrameResult? inline = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("data"u8))
            {
                reader.Read();
                if (!rest && IsTradeChannel(channel) && reader.TokenType == JsonTokenType.StartArray)
                {
                    // "arg" came first, as OKX sends it: parse the trades in this one pass.
                    var parsed = ReadTrades(symbols, ref reader, receiveTimeUs, trades);
                    if (parsed.Kind is not (FrameKind.Trades or FrameKind.BufferTooSmall))
                    {
                        return parsed;
                    }

                    inline = parsed;
                }
                else
                {
                    data = reader;
                    hasData = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                }
            }
            else if (name.SequenceEqual("arg"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "arg");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var inner = Json.Name(ref reader);
                    if (inner.SequenceEqual("channel"u8))
                    {
                        reader.Read();
                        Json.TryString(ref reader, out channel);
                    }
                    else
                    {
                        Json.SkipValue(ref reader);
                    }
                }
            }
            else if (name.SequenceEqual("event"u8))
            {
                reader.Read();
                Json.TryString(ref reader, out evt);
            }
            else if (name.SequenceEqual("code"u8))
            {
                reader.Read();
                code = Json.Text(ref reader);
            }
            else if (name.SequenceEqual("msg"u8))
            {
                reader.Read();
                message = Json.Text(ref reader);
            }
            else if (name.SequenceEqual("id"u8))
            {
                reader.Read();
                id = Json.Text(ref reader);
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

        if (rest)
        {
            if (code != "0")
            {
                return new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Code: code, Message: message);
            }

            return hasData ? ReadTrades(symbols, ref data, receiveTimeUs, trades) : FrameResult.Malformed(FrameError.MissingField, "data");
        }

        if (!evt.IsEmpty)
        {
            return Event(evt, id, code, message);
        }

        if (inline is { } done)
        {
            return done;
        }

        if (channel.IsEmpty)
        {
            return FrameResult.Unknown(FrameError.UnrecognizedMessage);
        }

        if (!IsTradeChannel(channel))
        {
            return FrameResult.Ignored("arg");
        }

        return hasData ? ReadTrades(symbols, ref data, receiveTimeUs, trades) : FrameResult.Malformed(FrameError.MissingField, "data");
    }

    private static bool IsTradeChannel(ReadOnlySpan<byte> channel) => channel.SequenceEqual("trades"u8) || channel.SequenceEqual("trades-all"u8);

    private static FrameResult Event(ReadOnlySpan<byte> evt, string? id, string? code, string? message)
    {
        if (evt.SequenceEqual("subscribe"u8))
        {
            return new FrameResult(FrameKind.SubscribeAck, RequestId: id);
        }

        if (evt.SequenceEqual("error"u8) || evt.SequenceEqual("channel-conn-count-error"u8))
        {
            return new FrameResult(FrameKind.SubscribeError, RequestId: id, Code: code, Message: message ?? Encoding.UTF8.GetString(evt));
        }

        return evt.SequenceEqual("notice"u8)
            ? new FrameResult(FrameKind.ServerShutdown, Code: code, Message: message)
            : FrameResult.Ignored("event");
    }

    private static FrameResult ReadTrades(SymbolMap symbols, ref Utf8JsonReader reader, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var writer = new TradeWriter(trades);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FrameResult.Malformed(FrameError.WrongType, "data");
            }

            var result = ReadTrade(symbols, ref reader, receiveTimeUs, ref writer.Next());
            if (result.Kind != FrameKind.None)
            {
                return result;
            }
        }

        return writer.Finish();
    }

    private static FrameResult ReadTrade(SymbolMap symbols, ref Utf8JsonReader reader, long receiveTimeUs, ref ParsedTrade trade)
    {
        ReadOnlySpan<byte> instId = default, id = default, time = default;
        bool hasPrice = false, hasSize = false;
        long price = 0, size = 0, count = 1;
        uint priceScale = 0, sizeScale = 0;
        var side = Side.Unspecified;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("px"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "px");
                }

                hasPrice = Json.TryDecimal(ref reader, out price, out priceScale);
                if (!hasPrice)
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "px");
                }
            }
            else if (name.SequenceEqual("sz"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "sz");
                }

                hasSize = Json.TryDecimal(ref reader, out size, out sizeScale);
                if (!hasSize)
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "sz");
                }
            }
            else if (name.SequenceEqual("side"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out var text))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "side");
                }

                side = text.SequenceEqual("buy"u8) ? Side.Buy : text.SequenceEqual("sell"u8) ? Side.Sell : Side.Unspecified;
                if (side == Side.Unspecified)
                {
                    return FrameResult.Malformed(FrameError.InvalidSide, "side");
                }
            }
            else if (name.SequenceEqual("instId"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out instId))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "instId");
                }
            }
            else if (name.SequenceEqual("tradeId"u8))
            {
                reader.Read();
                if (!Json.TryScalar(ref reader, out id))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "tradeId");
                }
            }
            else if (name.SequenceEqual("ts"u8))
            {
                reader.Read();
                if (!Json.TryScalar(ref reader, out time))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "ts");
                }
            }
            else if (name.SequenceEqual("count"u8))
            {
                reader.Read();
                if (!Json.TryInt64(ref reader, out count) || count is < 1 or > int.MaxValue)
                {
                    return FrameResult.Malformed(FrameError.InvalidNumber, "count");
                }
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (instId.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "instId");
        }

        if (!symbols.TryGetCanonical(instId, out var canonical))
        {
            return FrameResult.Unknown(FrameError.UnknownSymbol, "instId");
        }

        if (id.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "tradeId");
        }

        if (!trade.TrySetTradeId(id))
        {
            return FrameResult.Malformed(FrameError.InvalidTradeId, "tradeId");
        }

        if (!hasPrice)
        {
            return FrameResult.Malformed(FrameError.MissingField, "px");
        }

        if (!hasSize)
        {
            return FrameResult.Malformed(FrameError.MissingField, "sz");
        }

        if (side == Side.Unspecified)
        {
            return FrameResult.Malformed(FrameError.MissingField, "side");
        }

        if (time.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "ts");
        }

        if (!Json.TryMillisecondsAsMicros(time, out var timeUs))
        {
            return FrameResult.Malformed(FrameError.InvalidTimestamp, "ts");
        }

        trade.Symbol = canonical;
        trade.PriceMantissa = price;
        trade.PriceScale = priceScale;
        trade.QuantityMantissa = size;
        trade.QuantityScale = sizeScale;
        trade.AggressorSide = side;
        trade.TradeIdCount = (int)count;
        trade.ExchangeTimeUs = timeUs;
        trade.ReceiveTimeUs = receiveTimeUs;
        return default;
    }
}
