using System.Text;
using System.Text.Json;
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

        if (!Json.TryStartObject(frame, out var reader))
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        var tradeList = new TradeList<TradeReader>(new TradeReader(symbols, receiveTimeUs), "data");
        var data = default(TradesField);
        ReadOnlySpan<byte> evt = default, channel = default;
        string? code = null, message = null, id = null;
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("data"u8))
            {
                // OKX sends "arg" first, so the trades of a push are parsed in this one pass.
                if (!data.Read(ref reader, !rest && IsTradeChannel(channel), tradeList, trades, out var failure))
                {
                    return failure;
                }
            }
            else if (name.SequenceEqual("arg"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "arg");
                }

                while (Json.NextProperty(ref reader, out var inner))
                {
                    if (inner.SequenceEqual("channel"u8))
                    {
                        Json.ReadString(ref reader, out channel);
                    }
                    else
                    {
                        Json.SkipValue(ref reader);
                    }
                }
            }
            else if (name.SequenceEqual("event"u8))
            {
                Json.ReadString(ref reader, out evt);
            }
            else if (name.SequenceEqual("code"u8))
            {
                code = Json.ReadText(ref reader);
            }
            else if (name.SequenceEqual("msg"u8))
            {
                message = Json.ReadText(ref reader);
            }
            else if (name.SequenceEqual("id"u8))
            {
                id = Json.ReadText(ref reader);
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

            return data.ReadKept(tradeList, trades, "data");
        }

        if (!evt.IsEmpty)
        {
            return Event(evt, id, code, message);
        }

        if (data.WasRead)
        {
            return data.Result;
        }

        if (channel.IsEmpty)
        {
            return FrameResult.Unknown(FrameError.UnrecognizedMessage);
        }

        if (!IsTradeChannel(channel))
        {
            return FrameResult.Ignored("arg");
        }

        return data.ReadKept(tradeList, trades, "data");
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

    /// <summary>One object of a trades push or of a REST trades response.</summary>
    private readonly struct TradeReader(SymbolMap symbols, long receiveTimeUs) : ITradeReader
    {
        public FrameResult Read(ref Utf8JsonReader reader, ref ParsedTrade trade)
        {
            var t = default(TradeFields);
            long count = 1;
            while (!t.Failed && Json.NextProperty(ref reader, out var name))
            {
                if (name.SequenceEqual("px"u8))
                {
                    t.ReadPrice(ref reader, "px");
                }
                else if (name.SequenceEqual("sz"u8))
                {
                    t.ReadQuantity(ref reader, "sz");
                }
                else if (name.SequenceEqual("side"u8))
                {
                    t.ReadSide(ref reader, "side", "buy"u8, "sell"u8);
                }
                else if (name.SequenceEqual("instId"u8))
                {
                    t.ReadSymbol(ref reader, "instId");
                }
                else if (name.SequenceEqual("tradeId"u8))
                {
                    t.ReadId(ref reader, "tradeId");
                }
                else if (name.SequenceEqual("ts"u8))
                {
                    t.ReadTime(ref reader, "ts");
                }
                else if (name.SequenceEqual("count"u8))
                {
                    // The "trades" channel aggregates: one print covers count consecutive ids.
                    reader.Read();
                    if (!Json.TryInt64(ref reader, out count) || count is < 1 or > int.MaxValue)
                    {
                        t.Fail(FrameError.InvalidNumber, "count");
                    }
                }
                else
                {
                    Json.SkipValue(ref reader);
                }
            }

            return !t.Failed
                && t.ResolveSymbol(symbols, "instId")
                && t.SetTradeId(ref trade, "tradeId")
                && t.RequirePrice("px")
                && t.RequireQuantity("sz")
                && t.RequireSide("side")
                && t.RequireMillisecondTime("ts")
                ? t.Write(ref trade, receiveTimeUs, (int)count)
                : t.Failure;
        }
    }
}
