using System.Text;
using System.Text.Json;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Bybit;

/// <summary>Bybit v5 frames: publicTrade pushes, subscribe acks, pongs; and the recent-trade REST response.</summary>
internal static class BybitParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        ReadOnlySpan<byte> topic = default, op = default, retMsg = default, requestId = default;
        bool? success = null;
        var data = default(Utf8JsonReader);
        var hasData = false;
        FrameResult? inline = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("topic"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out topic))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "topic");
                }
            }
            else if (name.SequenceEqual("data"u8))
            {
                reader.Read();
                if (topic.StartsWith("publicTrade."u8) && reader.TokenType == JsonTokenType.StartArray)
                {
                    // The topic came first, as Bybit sends it: parse the trades in this one pass.
                    var parsed = ReadTrades(symbols, null, ref reader, receiveTimeUs, trades);
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
            else if (name.SequenceEqual("op"u8))
            {
                reader.Read();
                Json.TryString(ref reader, out op);
            }
            else if (name.SequenceEqual("ret_msg"u8))
            {
                reader.Read();
                Json.TryString(ref reader, out retMsg);
            }
            else if (name.SequenceEqual("req_id"u8))
            {
                reader.Read();
                Json.TryString(ref reader, out requestId);
            }
            else if (name.SequenceEqual("success"u8))
            {
                reader.Read();
                success = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
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

        if (!topic.IsEmpty)
        {
            if (!topic.StartsWith("publicTrade."u8))
            {
                return FrameResult.Ignored("topic");
            }

            return hasData ? ReadTrades(symbols, null, ref data, receiveTimeUs, trades) : FrameResult.Malformed(FrameError.MissingField, "data");
        }

        if (op.SequenceEqual("pong"u8) || (op.SequenceEqual("ping"u8) && retMsg.SequenceEqual("pong"u8)))
        {
            return new FrameResult(FrameKind.Pong, RequestId: Text(requestId));
        }

        if (op.IsEmpty)
        {
            return FrameResult.Unknown(FrameError.UnrecognizedMessage);
        }

        if (success == false)
        {
            return new FrameResult(FrameKind.SubscribeError, RequestId: Text(requestId), Message: Text(retMsg));
        }

        return op.SequenceEqual("subscribe"u8)
            ? new FrameResult(FrameKind.SubscribeAck, RequestId: Text(requestId))
            : FrameResult.Ignored("op");
    }

    /// <summary><c>{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[..]},..}</c>.</summary>
    public static FrameResult ParseRecentTrades(SymbolMap symbols, ReadOnlySpan<byte> body, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        long? retCode = null;
        string? retMsg = null;
        var list = default(Utf8JsonReader);
        var hasList = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("retCode"u8))
            {
                reader.Read();
                retCode = Json.TryInt64(ref reader, out var code) ? code : -1;
            }
            else if (name.SequenceEqual("retMsg"u8))
            {
                reader.Read();
                retMsg = Json.Text(ref reader);
            }
            else if (name.SequenceEqual("result"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var inner = Json.Name(ref reader);
                    if (inner.SequenceEqual("list"u8))
                    {
                        reader.Read();
                        list = reader;
                        hasList = reader.TokenType == JsonTokenType.StartArray;
                        reader.Skip();
                    }
                    else
                    {
                        Json.SkipValue(ref reader);
                    }
                }
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (retCode is not 0)
        {
            return new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Code: retCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), Message: retMsg);
        }

        return hasList ? ReadTrades(symbols, null, ref list, receiveTimeUs, trades) : FrameResult.Malformed(FrameError.MissingField, "list");
    }

    private static FrameResult ReadTrades(SymbolMap symbols, string? symbol, ref Utf8JsonReader reader, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var writer = new TradeWriter(trades);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FrameResult.Malformed(FrameError.WrongType, "data");
            }

            var result = ReadTrade(symbols, symbol, ref reader, receiveTimeUs, ref writer.Next());
            if (result.Kind != FrameKind.None)
            {
                return result;
            }
        }

        return writer.Finish();
    }

    private static FrameResult ReadTrade(SymbolMap symbols, string? symbol, ref Utf8JsonReader reader, long receiveTimeUs, ref ParsedTrade trade)
    {
        ReadOnlySpan<byte> exchangeSymbol = default, id = default, time = default;
        bool hasPrice = false, hasSize = false;
        long price = 0, size = 0;
        uint priceScale = 0, sizeScale = 0;
        var side = Side.Unspecified;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            // Push field names first, REST (/v5/market/recent-trade) names second.
            if (name.SequenceEqual("p"u8) || name.SequenceEqual("price"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "p");
                }

                hasPrice = Json.TryDecimal(ref reader, out price, out priceScale);
                if (!hasPrice)
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "p");
                }
            }
            else if (name.SequenceEqual("v"u8) || name.SequenceEqual("size"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "v");
                }

                hasSize = Json.TryDecimal(ref reader, out size, out sizeScale);
                if (!hasSize)
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "v");
                }
            }
            else if (name.SequenceEqual("S"u8) || name.SequenceEqual("side"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out var text))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "S");
                }

                side = text.SequenceEqual("Buy"u8) ? Side.Buy : text.SequenceEqual("Sell"u8) ? Side.Sell : Side.Unspecified;
                if (side == Side.Unspecified)
                {
                    return FrameResult.Malformed(FrameError.InvalidSide, "S");
                }
            }
            else if (name.SequenceEqual("s"u8) || name.SequenceEqual("symbol"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out exchangeSymbol))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "s");
                }
            }
            else if (name.SequenceEqual("i"u8) || name.SequenceEqual("execId"u8))
            {
                reader.Read();
                if (!Json.TryScalar(ref reader, out id))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "i");
                }
            }
            else if (name.SequenceEqual("T"u8) || name.SequenceEqual("time"u8))
            {
                reader.Read();
                if (!Json.TryScalar(ref reader, out time))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "T");
                }
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        string? canonical = symbol;
        if (canonical is null)
        {
            if (exchangeSymbol.IsEmpty)
            {
                return FrameResult.Malformed(FrameError.MissingField, "s");
            }

            if (!symbols.TryGetCanonical(exchangeSymbol, out canonical))
            {
                return FrameResult.Unknown(FrameError.UnknownSymbol, "s");
            }
        }

        if (id.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "i");
        }

        if (!trade.TrySetTradeId(id))
        {
            return FrameResult.Malformed(FrameError.InvalidTradeId, "i");
        }

        if (!hasPrice)
        {
            return FrameResult.Malformed(FrameError.MissingField, "p");
        }

        if (!hasSize)
        {
            return FrameResult.Malformed(FrameError.MissingField, "v");
        }

        if (side == Side.Unspecified)
        {
            return FrameResult.Malformed(FrameError.MissingField, "S");
        }

        if (time.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "T");
        }

        if (!Json.TryMillisecondsAsMicros(time, out var timeUs))
        {
            return FrameResult.Malformed(FrameError.InvalidTimestamp, "T");
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

    private static string? Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? null : Encoding.UTF8.GetString(utf8);
}
