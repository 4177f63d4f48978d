using System.Text.Json;
using Sofia.Contracts.V1;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Binance;

/// <summary>Binance spot frames: raw or combined-stream trade events, serverShutdown, request responses and errors.</summary>
internal static class BinanceParser
{
    public static FrameResult ParseFrame(SymbolMap symbols, ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
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
                var result = WriteTrade(symbols, ref fields, receiveTimeUs, ref writer.Next());
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
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FrameResult.Malformed(FrameError.WrongType);
            }

            var fields = default(Fields);
            var failure = ReadObject(ref reader, ref fields, isEnvelope: false);
            if (failure.Kind != FrameKind.None)
            {
                return failure;
            }

            var result = WriteRestTrade(symbol, ref fields, receiveTimeUs, ref writer.Next());
            if (result.Kind != FrameKind.None)
            {
                return result;
            }
        }

        return Json.AtEnd(ref reader) ? writer.Finish() : FrameResult.Malformed(FrameError.InvalidJson);
    }

    private static FrameResult WriteTrade(SymbolMap symbols, ref Fields f, long receiveTimeUs, ref ParsedTrade trade)
    {
        if (f.Symbol.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, "s");
        }

        if (!symbols.TryGetCanonical(f.Symbol, out var canonical))
        {
            return FrameResult.Unknown(FrameError.UnknownSymbol, "s");
        }

        trade.Symbol = canonical;
        return Fill(ref f, receiveTimeUs, ref trade, "t", "p", "q", "T", "m");
    }

    private static FrameResult WriteRestTrade(string symbol, ref Fields f, long receiveTimeUs, ref ParsedTrade trade)
    {
        trade.Symbol = symbol;
        return Fill(ref f, receiveTimeUs, ref trade, "id", "price", "qty", "time", "isBuyerMaker");
    }

    private static FrameResult Fill(ref Fields f, long receiveTimeUs, ref ParsedTrade trade, string id, string price, string qty, string time, string maker)
    {
        if (f.TradeId.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, id);
        }

        if (!trade.TrySetTradeId(f.TradeId) || !trade.HasNumericTradeId)
        {
            return FrameResult.Malformed(FrameError.InvalidTradeId, id);
        }

        if (!f.HasPrice)
        {
            return FrameResult.Malformed(FrameError.MissingField, price);
        }

        if (!f.HasQuantity)
        {
            return FrameResult.Malformed(FrameError.MissingField, qty);
        }

        if (f.TradeTime.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.MissingField, time);
        }

        if (!Json.TryMillisecondsAsMicros(f.TradeTime, out var timeUs))
        {
            return FrameResult.Malformed(FrameError.InvalidTimestamp, time);
        }

        if (f.BuyerIsMaker is not { } buyerIsMaker)
        {
            return FrameResult.Malformed(FrameError.MissingField, maker);
        }

        trade.PriceMantissa = f.PriceMantissa;
        trade.PriceScale = f.PriceScale;
        trade.QuantityMantissa = f.QuantityMantissa;
        trade.QuantityScale = f.QuantityScale;

        // m = "is the buyer the market maker?": a resting buyer means the taker sold.
        trade.AggressorSide = buyerIsMaker ? Side.Sell : Side.Buy;
        trade.TradeIdCount = 1;
        trade.ExchangeTimeUs = timeUs;
        trade.ReceiveTimeUs = receiveTimeUs;
        return default;
    }

    private static FrameResult ReadObject(ref Utf8JsonReader reader, ref Fields f, bool isEnvelope)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = Json.Name(ref reader);
            if (name.SequenceEqual("e"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out f.Event))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "e");
                }
            }
            else if (name.SequenceEqual("s"u8))
            {
                reader.Read();
                if (!Json.TryString(ref reader, out f.Symbol))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "s");
                }
            }
            else if (name.SequenceEqual("p"u8) || name.SequenceEqual("price"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "p");
                }

                if (!Json.TryDecimal(ref reader, out f.PriceMantissa, out f.PriceScale))
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "p");
                }

                f.HasPrice = true;
            }
            else if (name.SequenceEqual("q"u8) || name.SequenceEqual("qty"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "q");
                }

                if (!Json.TryDecimal(ref reader, out f.QuantityMantissa, out f.QuantityScale))
                {
                    return FrameResult.Malformed(FrameError.InvalidDecimal, "q");
                }

                f.HasQuantity = true;
            }
            else if (name.SequenceEqual("t"u8) || (!isEnvelope && name.SequenceEqual("id"u8)))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "t");
                }

                f.TradeId = reader.ValueSpan;
            }
            else if (name.SequenceEqual("T"u8) || name.SequenceEqual("time"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "T");
                }

                f.TradeTime = reader.ValueSpan;
            }
            else if (name.SequenceEqual("E"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return FrameResult.Malformed(FrameError.WrongType, "E");
                }

                f.EventTime = reader.ValueSpan;
            }
            else if (name.SequenceEqual("m"u8) || name.SequenceEqual("isBuyerMaker"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return FrameResult.Malformed(FrameError.WrongType, "m");
                }

                f.BuyerIsMaker = reader.TokenType == JsonTokenType.True;
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
                reader.Read();
                f.Id = Json.Text(ref reader);
            }
            else if (isEnvelope && name.SequenceEqual("code"u8))
            {
                reader.Read();
                f.Code = Json.Text(ref reader);
            }
            else if (isEnvelope && name.SequenceEqual("msg"u8))
            {
                reader.Read();
                f.Message = Json.Text(ref reader);
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

    private ref struct Fields
    {
        public ReadOnlySpan<byte> Event;
        public ReadOnlySpan<byte> Symbol;
        public ReadOnlySpan<byte> TradeId;
        public ReadOnlySpan<byte> TradeTime;
        public ReadOnlySpan<byte> EventTime;
        public long PriceMantissa;
        public uint PriceScale;
        public bool HasPrice;
        public long QuantityMantissa;
        public uint QuantityScale;
        public bool HasQuantity;
        public bool? BuyerIsMaker;
        public bool HasResult;
        public bool DataIsNotObject;
        public string? Id;
        public string? Code;
        public string? Message;
    }
}
