using System.Text;
using System.Text.Json;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Bybit;

/// <summary>Bybit v5 frames: publicTrade pushes, subscribe acks, pongs; and the recent-trade REST response.</summary>
internal static class BybitParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        if (!Json.TryStartObject(frame, out var reader))
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        var tradeList = new TradeList<TradeReader>(new TradeReader(symbols, receiveTimeUs), "data");
        var data = default(TradesField);
        ReadOnlySpan<byte> topic = default, op = default, retMsg = default, requestId = default;
        bool? success = null;
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("topic"u8))
            {
                if (!Json.ReadString(ref reader, out topic))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "topic");
                }
            }
            else if (name.SequenceEqual("data"u8))
            {
                // Bybit sends the topic first, so the trades are parsed in this one pass.
                if (!data.Read(ref reader, topic.StartsWith("publicTrade."u8), tradeList, trades, out var failure))
                {
                    return failure;
                }
            }
            else if (name.SequenceEqual("op"u8))
            {
                Json.ReadString(ref reader, out op);
            }
            else if (name.SequenceEqual("ret_msg"u8))
            {
                Json.ReadString(ref reader, out retMsg);
            }
            else if (name.SequenceEqual("req_id"u8))
            {
                Json.ReadString(ref reader, out requestId);
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

        if (data.WasRead)
        {
            return data.Result;
        }

        if (!topic.IsEmpty)
        {
            if (!topic.StartsWith("publicTrade."u8))
            {
                return FrameResult.Ignored("topic");
            }

            return data.ReadKept(tradeList, trades, "data");
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
        if (!Json.TryStartObject(body, out var reader))
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        long? retCode = null;
        string? retMsg = null;
        var list = default(TradesField);
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("retCode"u8))
            {
                reader.Read();
                retCode = Json.TryInt64(ref reader, out var code) ? code : -1;
            }
            else if (name.SequenceEqual("retMsg"u8))
            {
                retMsg = Json.ReadText(ref reader);
            }
            else if (name.SequenceEqual("result"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (Json.NextProperty(ref reader, out var inner))
                {
                    if (inner.SequenceEqual("list"u8))
                    {
                        list.Keep(ref reader);
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

        return list.ReadKept(new TradeList<TradeReader>(new TradeReader(symbols, receiveTimeUs), "data"), trades, "list");
    }

    private static string? Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? null : Encoding.UTF8.GetString(utf8);

    /// <summary>One trade of a publicTrade push (short names) or of the recent-trade REST response (long names).</summary>
    private readonly struct TradeReader(SymbolMap symbols, long receiveTimeUs) : ITradeReader
    {
        public FrameResult Read(ref Utf8JsonReader reader, ref ParsedTrade trade)
        {
            var t = default(TradeFields);
            while (!t.Failed && Json.NextProperty(ref reader, out var name))
            {
                if (name.SequenceEqual("p"u8) || name.SequenceEqual("price"u8))
                {
                    t.ReadPrice(ref reader, "p");
                }
                else if (name.SequenceEqual("v"u8) || name.SequenceEqual("size"u8))
                {
                    t.ReadQuantity(ref reader, "v");
                }
                else if (name.SequenceEqual("S"u8) || name.SequenceEqual("side"u8))
                {
                    t.ReadSide(ref reader, "S", "Buy"u8, "Sell"u8);
                }
                else if (name.SequenceEqual("s"u8) || name.SequenceEqual("symbol"u8))
                {
                    t.ReadSymbol(ref reader, "s");
                }
                else if (name.SequenceEqual("i"u8) || name.SequenceEqual("execId"u8))
                {
                    t.ReadId(ref reader, "i");
                }
                else if (name.SequenceEqual("T"u8) || name.SequenceEqual("time"u8))
                {
                    t.ReadTime(ref reader, "T");
                }
                else
                {
                    Json.SkipValue(ref reader);
                }
            }

            return !t.Failed
                && t.ResolveSymbol(symbols, "s")
                && t.SetTradeId(ref trade, "i")
                && t.RequirePrice("p")
                && t.RequireQuantity("v")
                && t.RequireSide("S")
                && t.RequireMillisecondTime("T")
                ? t.Write(ref trade, receiveTimeUs)
                : t.Failure;
        }
    }
}
