using Microsoft.Extensions.Logging;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>The simulator's log messages (event ids 7000–7099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Exchange simulator listening on {BaseUri} for {Exchanges}")]
    public static partial void Listening(ILogger logger, Uri baseUri, IReadOnlyList<string> exchanges);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "{Exchange} client {ConnectionId} connected")]
    public static partial void Connected(ILogger logger, string exchange, string connectionId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "{Exchange} client {ConnectionId} disconnected")]
    public static partial void Disconnected(ILogger logger, string exchange, string connectionId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "{Exchange} client {ConnectionId} cut off: more than {MaxBytes} bytes queued")]
    public static partial void TooSlow(ILogger logger, string exchange, string connectionId, long maxBytes);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Fault {Fault} on {Exchange}: {Detail}, {Connections} connections")]
    public static partial void Fault(ILogger logger, string fault, string exchange, string detail, int connections);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "Fault skip-ids: the next {Count} trades of {Symbol} are left out of every stream")]
    public static partial void SkipIds(ILogger logger, string symbol, int count);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Trade rate set to {TradesPerSecond}/s")]
    public static partial void Rate(ILogger logger, double tradesPerSecond);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "The market pump failed; it continues with the next interval")]
    public static partial void PumpFailed(ILogger logger, Exception exception);
}
