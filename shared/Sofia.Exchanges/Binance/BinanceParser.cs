using System.Text.Json;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Binance;

/// <summary>Binance spot frames: raw or combined-stream trade events, serverShutdown, request responses and errors.</summary>
internal static class BinanceParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        if (!Json.TryStartObject(frame, out var reader))
        {
            return FrameResult.Malformed(FrameError.NotAnObject);
        }

        var fields = default(Fields);
        var failure = ReadObject(ref reader, ref fields, isEnvelope: true);
        if (failure.Kind != FrameKind.None)
        {
            return failure;
        }

        if (!Json.AtEnd(ref reader))
        {
            return FrameResult.Malformed(FrameError.InvalidJson);
        }

        if (!fields.Event.IsEmpty)
        {
            if (fields.Event.SequenceEqual("trade"u8))
            {
                var writer = new TradeWriter(trades);
                var result = Fill(ref fields.Trade, symbols, null, receiveTimeUs, ref writer.Next(), "t", "p", "q", "T", "m");
                return result.Kind == FrameKind.None ? writer.Finish() : result;
            }

            if (fields.Event.SequenceEqual("serverShutdown"u8))
            {
                return Json.TryMillisecondsAsMicros(fields.EventTime, out var eventUs) || fields.EventTime.IsEmpty
                    ? new FrameResult(FrameKind.ServerShutdown, EventTimeUs: eventUs)
                    : FrameResult.Malformed(FrameError.InvalidTimestamp, "E");
            }

            return FrameResult.Ignored("e");
        }

        if (fields.HasResult)
        {
            return new FrameResult(FrameKind.SubscribeAck, RequestId: fields.Id);
        }

        if (fields.Code is not null || fields.Message is not null)
        {
            return new FrameResult(FrameKind.SubscribeError, RequestId: fields.Id, Code: fields.Code, Message: fields.Message);
        }

        return fields.DataIsNotObject ? FrameResult.Ignored("data") : FrameResult.Unknown(FrameError.UnrecognizedMessage);
    }

    /// <summary>The array that <c>/api/v3/trades</c> and <c>/api/v3/historicalTrades</c> return, or an error object.</summary>
    public static FrameResult ParseRestTrades(ReadOnlySpan<byte> body, string symbol, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var fields = default(Fields);
            var failure = ReadObject(ref reader, ref fields, isEnvelope: true);
            return failure.Kind != FrameKind.None
                ? failure
                : new FrameResult(FrameKind.SubscribeError, Error: FrameError.ErrorResponse, Code: fields.Code, Message: fields.Message);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FrameResult.Malformed(FrameError.WrongType);
        }

        var writer = new TradeWriter(trades);
        var result = TradeArray.Read(ref reader, new RestTradeReader(symbol, receiveTimeUs), ref writer, null);
        if (result.Kind != FrameKind.None)
        {
            return result;
        }

        return Json.AtEnd(ref reader) ? writer.Finish() : FrameResult.Malformed(FrameError.InvalidJson);
    }

    /// <summary>Checks and writes a trade, naming fields as the stream or the REST response does; the side (from <c>m</c>) comes last.</summary>
    private static FrameResult Fill(
        ref TradeFields t, SymbolMap? symbols, string? symbol, long receiveTimeUs, ref ParsedTrade trade, string id, string price, string qty, string time, string maker) =>
        t.ResolveSymbol(symbols, symbol, "s")
        && t.SetTradeId(ref trade, id, numeric: true)
        && t.RequirePrice(price)
        && t.RequireQuantity(qty)
        && t.RequireMillisecondTime(time)
        && t.RequireSide(maker)
            ? t.Write(ref trade, receiveTimeUs)
            : t.Failure;

    private static FrameResult ReadObject(ref Utf8JsonReader reader, ref Fields f, bool isEnvelope)
    {
        while (Json.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("e"u8))
            {
                if (!Json.ReadString(ref reader, out f.Event))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "e");
                }
            }
            else if (name.SequenceEqual("s"u8))
            {
                if (!f.Trade.ReadSymbol(ref reader, "s"))
                {
                    return f.Trade.Failure;
                }
            }
            else if (name.SequenceEqual("p"u8) || name.SequenceEqual("price"u8))
            {
                if (!f.Trade.ReadPrice(ref reader, "p"))
                {
                    return f.Trade.Failure;
                }
            }
            else if (name.SequenceEqual("q"u8) || name.SequenceEqual("qty"u8))
            {
                if (!f.Trade.ReadQuantity(ref reader, "q"))
                {
                    return f.Trade.Failure;
                }
            }
            else if (name.SequenceEqual("t"u8) || (!isEnvelope && name.SequenceEqual("id"u8)))
            {
                // Binance sends trade ids and times as JSON numbers only.
                if (!Json.ReadNumber(ref reader, out f.Trade.Id))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "t");
                }
            }
            else if (name.SequenceEqual("T"u8) || name.SequenceEqual("time"u8))
            {
                if (!Json.ReadNumber(ref reader, out f.Trade.Time))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "T");
                }
            }
            else if (name.SequenceEqual("E"u8))
            {
                if (!Json.ReadNumber(ref reader, out f.EventTime))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "E");
                }
            }
            else if (name.SequenceEqual("m"u8) || name.SequenceEqual("isBuyerMaker"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "m");
                }

                // m = "is the buyer the market maker?": a resting buyer means the taker sold.
                f.Trade.Side = reader.TokenType == JsonTokenType.True ? Side.Sell : Side.Buy;
                f.Trade.HasSide = true;
            }
            else if (isEnvelope && name.SequenceEqual("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var failure = ReadObject(ref reader, ref f, isEnvelope: false);
                    if (failure.Kind != FrameKind.None)
                    {
                        return failure;
                    }
                }
                else
                {
                    f.DataIsNotObject = true;
                    reader.Skip();
                }
            }
            else if (isEnvelope && name.SequenceEqual("result"u8))
            {
                f.HasResult = true;
                Json.SkipValue(ref reader);
            }
            else if (isEnvelope && name.SequenceEqual("id"u8))
            {
                f.Id = Json.ReadText(ref reader);
            }
            else if (isEnvelope && name.SequenceEqual("code"u8))
            {
                f.Code = Json.ReadText(ref reader);
            }
            else if (isEnvelope && name.SequenceEqual("msg"u8))
            {
                f.Message = Json.ReadText(ref reader);
            }
            else if (isEnvelope && name.SequenceEqual("error"u8))
            {
                // Newer error shape: {"error":{"code":2,"msg":"..."},"id":1}.
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var failure = ReadObject(ref reader, ref f, isEnvelope: true);
                    if (failure.Kind != FrameKind.None)
                    {
                        return failure;
                    }
                }
                else
                {
                    f.Message = Json.Text(ref reader) ?? "error";
                    reader.Skip();
                }
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        return default;
    }

    /// <summary>One REST trade: the stream's fields under longer names, for the symbol the request named.</summary>
    private readonly struct RestTradeReader(string symbol, long receiveTimeUs) : ITradeReader
    {
        public FrameResult Read(ref Utf8JsonReader reader, ref ParsedTrade trade)
        {
            var fields = default(Fields);
            var failure = ReadObject(ref reader, ref fields, isEnvelope: false);
            return failure.Kind != FrameKind.None
                ? failure
                : Fill(ref fields.Trade, null, symbol, receiveTimeUs, ref trade, "id", "price", "qty", "time", "isBuyerMaker");
        }
    }

    private ref struct Fields
    {
        public TradeFields Trade;
        public ReadOnlySpan<byte> Event;
        public ReadOnlySpan<byte> EventTime;
        public bool HasResult;
        public bool DataIsNotObject;
        public string? Id;
        public string? Code;
        public string? Message;
    }
}
