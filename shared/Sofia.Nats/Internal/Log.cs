using Microsoft.Extensions.Logging;

namespace Sofia.Nats.Internal;

/// <summary>Log messages of the NATS client (event ids 2000–2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Connected to NATS server {Server} (version {Version})")]
    public static partial void Connected(ILogger logger, ServerAddress server, string version);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Connection to NATS server {Server} lost")]
    public static partial void Disconnected(ILogger logger, ServerAddress server, Exception? error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Reconnected to NATS server {Server}")]
    public static partial void Reconnected(ILogger logger, ServerAddress server);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Reconnect attempt {Attempt} failed; next in {Delay}")]
    public static partial void ReconnectAttemptFailed(ILogger logger, int attempt, TimeSpan delay, Exception? error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "NATS connection closed; {PendingBytes} buffered bytes were not sent")]
    public static partial void Closed(ILogger logger, long pendingBytes, Exception? error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "NATS server error: {Error}")]
    public static partial void ServerError(ILogger logger, string error);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Slow consumer on {Subject}: message dropped")]
    public static partial void SlowConsumer(ILogger logger, string subject);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "NATS server {Server} entered lame duck mode")]
    public static partial void LameDuckMode(ILogger logger, ServerAddress server);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Connection event handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Pull consumer {Stream}/{Consumer}: {Reason}; re-issuing pull requests")]
    public static partial void PullReset(ILogger logger, string stream, string consumer, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Message {Stream}/{Sequence} dead-lettered to {Subject} after {Deliveries} deliveries")]
    public static partial void DeadLettered(ILogger logger, string stream, ulong sequence, string subject, ulong deliveries, Exception? error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Ordered consumer on {Stream} reset at stream sequence {Sequence}: {Reason}")]
    public static partial void OrderedReset(ILogger logger, string stream, ulong sequence, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Publish ack for {Subject} timed out; retrying ({Attempt})")]
    public static partial void PublishRetry(ILogger logger, string subject, int attempt);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Pull consumer {Stream}/{Consumer}: status {Status} {Description}")]
    public static partial void PullStatus(ILogger logger, string stream, string consumer, int status, string description);
}
