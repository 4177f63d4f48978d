using System.Runtime.CompilerServices;
using System.Text.Json;
using Sofia.Contracts.V1;

namespace Sofia.Exchanges.Internal;

/// <summary>
/// One trade object's fields as they are read from a frame, and the checks every exchange makes before it
/// writes the trade. Each read and check records the first failure and returns false, so a parser reads as
/// its exchange's field names, then its checks in its exchange's order:
/// <c>t.ResolveSymbol(..) &amp;&amp; t.SetTradeId(..) &amp;&amp; .. ? t.Write(..) : t.Failure</c>.
/// </summary>
internal ref struct TradeFields
{
    /// <summary>The exchange's symbol bytes.</summary>
    public ReadOnlySpan<byte> Symbol;

    /// <summary>The trade id bytes, from a string or number token.</summary>
    public ReadOnlySpan<byte> Id;

    /// <summary>The trade time bytes, in the exchange's format.</summary>
    public ReadOnlySpan<byte> Time;

    /// <summary>The taker's side; may stay unspecified where an exchange allows an unknown side.</summary>
    public Side Side;

    /// <summary>Whether the frame named a side.</summary>
    public bool HasSide;

    private long _priceMantissa;
    private uint _priceScale;
    private bool _hasPrice;
    private long _quantityMantissa;
    private uint _quantityScale;
    private bool _hasQuantity;
    private string? _canonical;
    private long _timeUs;
    private FrameKind _failure;
    private FrameError _error;
    private string? _field;

    /// <summary>Whether a read or check has failed.</summary>
    public readonly bool Failed => _failure != FrameKind.None;

    /// <summary>The first failure, as the frame's result.</summary>
    public readonly FrameResult Failure => new(_failure, Error: _error, Field: _field);

    /// <summary>Records a malformed field (the first failure wins) and returns false.</summary>
    public bool Fail(FrameError error, string field) => Record(FrameKind.Malformed, error, field);

    /// <summary>Moves from the property name to a string value: the exchange's symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadSymbol(ref Utf8JsonReader reader, string field) =>
        Json.ReadString(ref reader, out Symbol) || Fail(FrameError.WrongType, field);

    /// <summary>Moves from the property name to a string or number value: the trade id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadId(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return Json.TryScalar(ref reader, out Id) || Fail(FrameError.WrongType, field);
    }

    /// <summary>Moves from the property name to a string or number value: the trade time in milliseconds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadTime(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return Json.TryScalar(ref reader, out Time) || Fail(FrameError.WrongType, field);
    }

    /// <summary>Moves from the property name to a string value: the trade time as ISO-8601 text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadTimeText(ref Utf8JsonReader reader, string field) =>
        Json.ReadString(ref reader, out Time) || Fail(FrameError.WrongType, field);

    /// <summary>Moves from the property name to the price, a decimal in a string.</summary>
    public bool ReadPrice(ref Utf8JsonReader reader, string field) =>
        _hasPrice = ReadDecimal(ref reader, field, out _priceMantissa, out _priceScale);

    /// <summary>Moves from the property name to the quantity, a decimal in a string.</summary>
    public bool ReadQuantity(ref Utf8JsonReader reader, string field) =>
        _hasQuantity = ReadDecimal(ref reader, field, out _quantityMantissa, out _quantityScale);

    /// <summary>Moves from the property name to the taker's side, spelled <paramref name="buy"/> or <paramref name="sell"/>.</summary>
    public bool ReadSide(ref Utf8JsonReader reader, string field, ReadOnlySpan<byte> buy, ReadOnlySpan<byte> sell)
    {
        if (!Json.ReadString(ref reader, out var text))
        {
            return Fail(FrameError.WrongType, field);
        }

        Side = text.SequenceEqual(buy) ? Side.Buy : text.SequenceEqual(sell) ? Side.Sell : Side.Unspecified;
        HasSide = Side != Side.Unspecified;
        return HasSide || Fail(FrameError.InvalidSide, field);
    }

    /// <summary>The market: the frame's symbol looked up in <paramref name="symbols"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ResolveSymbol(SymbolMap symbols, string field) => ResolveSymbol(symbols, null, field);

    /// <summary>
    /// The market: <paramref name="known"/> for a response about one market, else the frame's symbol looked
    /// up in <paramref name="symbols"/> (an unmapped symbol is <see cref="FrameKind.Unknown"/>, not malformed).
    /// </summary>
    public bool ResolveSymbol(SymbolMap? symbols, string? known, string field)
    {
        _canonical = known;
        if (_canonical is not null)
        {
            return true;
        }

        if (Symbol.IsEmpty)
        {
            return Fail(FrameError.MissingField, field);
        }

        return symbols!.TryGetCanonical(Symbol, out _canonical) || Record(FrameKind.Unknown, FrameError.UnknownSymbol, field);
    }

    /// <summary>Copies the trade id into <paramref name="trade"/>; <paramref name="numeric"/> refuses an id that is not a 64-bit integer.</summary>
    public bool SetTradeId(ref ParsedTrade trade, string field, bool numeric = false)
    {
        if (Id.IsEmpty)
        {
            return Fail(FrameError.MissingField, field);
        }

        return (trade.TrySetTradeId(Id) && (!numeric || trade.HasNumericTradeId)) || Fail(FrameError.InvalidTradeId, field);
    }

    /// <summary>Whether the frame had a price.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RequirePrice(string field) => _hasPrice || Fail(FrameError.MissingField, field);

    /// <summary>Whether the frame had a quantity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RequireQuantity(string field) => _hasQuantity || Fail(FrameError.MissingField, field);

    /// <summary>Whether the frame had a side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RequireSide(string field) => HasSide || Fail(FrameError.MissingField, field);

    /// <summary>Whether the frame had a time in milliseconds since the epoch, kept in microseconds.</summary>
    public bool RequireMillisecondTime(string field)
    {
        if (Time.IsEmpty)
        {
            return Fail(FrameError.MissingField, field);
        }

        return Json.TryMillisecondsAsMicros(Time, out _timeUs) || Fail(FrameError.InvalidTimestamp, field);
    }

    /// <summary>Whether the frame had an ISO-8601 time, kept in microseconds.</summary>
    public bool RequireIsoTime(string field)
    {
        if (Time.IsEmpty)
        {
            return Fail(FrameError.MissingField, field);
        }

        return IsoTime.TryParseMicros(Time, out _timeUs) || Fail(FrameError.InvalidTimestamp, field);
    }

    /// <summary>Writes the checked fields to <paramref name="trade"/> (whose id <see cref="SetTradeId"/> set); returns success.</summary>
    public readonly FrameResult Write(ref ParsedTrade trade, long receiveTimeUs, int tradeIdCount = 1)
    {
        trade.Symbol = _canonical!;
        trade.PriceMantissa = _priceMantissa;
        trade.PriceScale = _priceScale;
        trade.QuantityMantissa = _quantityMantissa;
        trade.QuantityScale = _quantityScale;
        trade.AggressorSide = Side;
        trade.TradeIdCount = tradeIdCount;
        trade.ExchangeTimeUs = _timeUs;
        trade.ReceiveTimeUs = receiveTimeUs;
        return default;
    }

    private bool Record(FrameKind kind, FrameError error, string field)
    {
        if (!Failed)
        {
            (_failure, _error, _field) = (kind, error, field);
        }

        return false;
    }

    // Exchanges send prices and quantities as strings, so a bare number is a wrong type, not a decimal.
    private bool ReadDecimal(ref Utf8JsonReader reader, string field, out long mantissa, out uint scale)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            (mantissa, scale) = (0, 0);
            return Fail(FrameError.WrongType, field);
        }

        return Json.TryDecimal(ref reader, out mantissa, out scale) || Fail(FrameError.InvalidDecimal, field);
    }
}
