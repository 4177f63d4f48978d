namespace Sofia.Exchanges;

/// <summary>The classification of one inbound frame (or one REST response body).</summary>
/// <param name="Kind">What the frame is.</param>
/// <param name="TradeCount">Trades written to the buffer; for <see cref="FrameKind.BufferTooSmall"/>, the buffer size needed.</param>
/// <param name="Error">Why the frame is <see cref="FrameKind.Malformed"/>, <see cref="FrameKind.Unknown"/> or <see cref="FrameKind.Ignored"/>.</param>
/// <param name="Field">The offending or deciding field name, when one is known (a constant, never allocated per frame).</param>
/// <param name="RequestId">The request id an ack or error answers, as the exchange wrote it.</param>
/// <param name="Code">The exchange's error or notice code.</param>
/// <param name="Message">The exchange's error or notice text.</param>
/// <param name="EventTimeUs">The exchange's event time of a shutdown notice, UTC epoch microseconds; 0 when absent.</param>
public readonly record struct FrameResult(
    FrameKind Kind,
    int TradeCount = 0,
    FrameError Error = FrameError.None,
    string? Field = null,
    string? RequestId = null,
    string? Code = null,
    string? Message = null,
    long EventTimeUs = 0)
{
    /// <summary>Whether the frame is malformed or unknown: the connection layer counts these per exchange and logs a sample.</summary>
    public bool IsProblem => Kind is FrameKind.Malformed or FrameKind.Unknown;

    internal static FrameResult Trades(int count) => new(FrameKind.Trades, count);

    internal static FrameResult Malformed(FrameError error, string? field = null) => new(FrameKind.Malformed, Error: error, Field: field);

    internal static FrameResult Unknown(FrameError error, string? field = null) => new(FrameKind.Unknown, Error: error, Field: field);

    internal static FrameResult Ignored(string? field = null) => new(FrameKind.Ignored, Error: FrameError.UnsupportedEvent, Field: field);

    internal static FrameResult TooSmall(int needed) => new(FrameKind.BufferTooSmall, needed);
}
