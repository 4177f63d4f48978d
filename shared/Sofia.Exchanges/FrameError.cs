namespace Sofia.Exchanges;

/// <summary>Why a frame was not turned into trades or a protocol message.</summary>
public enum FrameError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The frame is empty.</summary>
    Empty,

    /// <summary>The bytes are not valid JSON (truncated, binary, or broken syntax).</summary>
    InvalidJson,

    /// <summary>The JSON root is not an object.</summary>
    NotAnObject,

    /// <summary>A required field is absent; <see cref="FrameResult.Field"/> names it.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type; <see cref="FrameResult.Field"/> names it.</summary>
    WrongType,

    /// <summary>A price or quantity is not an exact decimal that fits 64 bits.</summary>
    InvalidDecimal,

    /// <summary>An integer (id, millisecond time) is not a valid 64-bit number.</summary>
    InvalidNumber,

    /// <summary>A timestamp is out of range or not ISO-8601.</summary>
    InvalidTimestamp,

    /// <summary>The side is not one the exchange documents.</summary>
    InvalidSide,

    /// <summary>The trade id is empty or longer than <see cref="ParsedTrade.MaxTradeIdLength"/> bytes.</summary>
    InvalidTradeId,

    /// <summary>The trade's symbol is not in the symbol map.</summary>
    UnknownSymbol,

    /// <summary>An event or channel that this layer does not consume.</summary>
    UnsupportedEvent,

    /// <summary>JSON that matches no message this exchange documents.</summary>
    UnrecognizedMessage,

    /// <summary>A REST response that reports a failure.</summary>
    ErrorResponse,
}
