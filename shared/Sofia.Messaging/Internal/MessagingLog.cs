using Microsoft.Extensions.Logging;

namespace Sofia.Messaging.Internal;

/// <summary>Log messages of the bus; event ids 7050–7099 belong to it (7000–7049 are the exchange simulator's).</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Message bus connected to NATS server {Server}")]
    public static partial void Connected(ILogger logger, string server);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Warning, Message = "Message bus cannot reach {Servers}; trying again in {DelayMs} ms")]
    public static partial void ConnectFailed(ILogger logger, string servers, double delayMs, Exception error);

    [LoggerMessage(EventId = 7052, Level = LogLevel.Warning, Message = "Consumer {Durable} of {Stream} is unavailable; creating it again in {DelayMs} ms")]
    public static partial void ConsumerUnavailable(ILogger logger, string stream, string durable, double delayMs, Exception error);

    [LoggerMessage(EventId = 7053, Level = LogLevel.Information, Message = "Consuming {Stream} as {Durable} (filter {Filter})")]
    public static partial void Consuming(ILogger logger, string stream, string durable, string filter);

    [LoggerMessage(EventId = 7054, Level = LogLevel.Warning, Message = "Dead-lettered message {Sequence} of {Stream} (consumer {Durable}) to {DeadLetterSubject}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, ulong sequence, string stream, string durable, string deadLetterSubject, string reason);

    [LoggerMessage(EventId = 7055, Level = LogLevel.Debug, Message = "Could not remove the probe consumer of {Stream}")]
    public static partial void ProbeCleanupFailed(ILogger logger, string stream, Exception error);

    [LoggerMessage(EventId = 7056, Level = LogLevel.Warning, Message = "Consumer {Durable} of {Stream} acks all and has {AckPending} messages an earlier reader never acked: starting it again at sequence {Start}")]
    public static partial void ConsumerRewound(ILogger logger, string stream, string durable, long ackPending, ulong start);
}
