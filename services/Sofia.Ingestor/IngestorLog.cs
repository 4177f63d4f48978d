namespace Sofia.Ingestor;

/// <summary>Log messages of the ingestor; event ids 4500–4999 belong to it.</summary>
internal static partial class IngestorLog
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Ingestor follows exchanges {Exchanges} and symbols {Symbols}")]
    public static partial void Configured(ILogger logger, IEnumerable<string> exchanges, IEnumerable<string> symbols);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "{Exchange} connection {Connection} subscribed at {Endpoint} ({Symbols})")]
    public static partial void Connected(ILogger logger, string exchange, int connection, Uri endpoint, IEnumerable<string> symbols);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "{Exchange} connection {Connection} lost: {Reason}; reconnecting in {DelayMs} ms")]
    public static partial void ConnectionLost(ILogger logger, string exchange, int connection, string reason, long delayMs);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "{Exchange} connection {Connection} is stale: {Reason}")]
    public static partial void Stale(ILogger logger, string exchange, int connection, string reason);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "{Exchange} {Symbol}: trade ids {First}..{Last} missing ({Count} trades); backfilling")]
    public static partial void GapDetected(ILogger logger, string exchange, string symbol, long first, long last, long count);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Information, Message = "{Exchange} {Symbol}: backfilled {Count} trades for {Detail}")]
    public static partial void Backfilled(ILogger logger, string exchange, string symbol, long count, string detail);

    [LoggerMessage(EventId = 4506, Level = LogLevel.Warning, Message = "{Exchange} {Symbol}: backfill incomplete for {Detail}: {Reason}")]
    public static partial void BackfillIncomplete(ILogger logger, string exchange, string symbol, string detail, string reason);

    [LoggerMessage(EventId = 4507, Level = LogLevel.Warning,
        Message = "{Exchange}: {Kind} frame ({Error} {Field}); {Suppressed} more since the last sample; sample: {Sample}")]
    public static partial void FrameProblem(ILogger logger, string exchange, string kind, string error, string? field, long suppressed, string sample);

    [LoggerMessage(EventId = 4508, Level = LogLevel.Error, Message = "{Exchange} connection {Connection}: request refused ({Code}): {Text}")]
    public static partial void SubscribeError(ILogger logger, string exchange, int connection, string? code, string? text);

    [LoggerMessage(EventId = 4509, Level = LogLevel.Information, Message = "{Exchange} connection {Connection}: {Reason}; opening its replacement before closing it")]
    public static partial void Renewing(ILogger logger, string exchange, int connection, string reason);

    [LoggerMessage(EventId = 4510, Level = LogLevel.Warning, Message = "Message bus not reachable ({Reason}); retrying in {DelayMs} ms")]
    public static partial void BusUnavailable(ILogger logger, string reason, long delayMs);

    [LoggerMessage(EventId = 4511, Level = LogLevel.Information, Message = "Message bus connected; streams {Streams} ready")]
    public static partial void StreamsReady(ILogger logger, IEnumerable<string> streams);

    [LoggerMessage(EventId = 4512, Level = LogLevel.Warning, Message = "Messages not acknowledged ({Reason}), {Count} in flight; sending them again with the same ids")]
    public static partial void PublishRetry(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 4513, Level = LogLevel.Warning, Message = "Publish buffer full ({Depth} of {Capacity}): sockets are no longer read until the bus catches up")]
    public static partial void BufferFull(ILogger logger, int depth, int capacity);

    [LoggerMessage(EventId = 4514, Level = LogLevel.Information, Message = "Publisher drained: {Published} messages acknowledged since start, {Left} left unpublished")]
    public static partial void Drained(ILogger logger, long published, int left);

    [LoggerMessage(EventId = 4515, Level = LogLevel.Debug, Message = "Whale {Kind} on {Exchange} {Symbol}: {NotionalUsd} USD")]
    public static partial void Whale(ILogger logger, string kind, string exchange, string symbol, decimal notionalUsd);

    [LoggerMessage(EventId = 4516, Level = LogLevel.Warning, Message = "Event buffer full: {Subject} event not queued ({Dropped} so far)")]
    public static partial void EventDropped(ILogger logger, string subject, long dropped);

    [LoggerMessage(EventId = 4517, Level = LogLevel.Warning, Message = "Publisher stopped waiting for the bus at shutdown with {Left} messages unpublished")]
    public static partial void DrainAbandoned(ILogger logger, int left);
}
