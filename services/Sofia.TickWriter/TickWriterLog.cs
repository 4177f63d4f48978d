namespace Sofia.TickWriter;

/// <summary>Log messages of the tick writer; event ids 5000–5999 belong to it.</summary>
internal static partial class TickWriterLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Consuming {Stream} as {Durable}: batches of up to {BatchSize} rows or {BatchDelayMs} ms, ack wait {AckWaitSeconds} s")]
    public static partial void Consuming(ILogger logger, string stream, string durable, int batchSize, int batchDelayMs, int ackWaitSeconds);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "The market store ({Store}) is ready")]
    public static partial void StoreReady(ILogger logger, string store);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Insert of {Rows} rows failed (attempt {Attempt}); next attempt in {DelayMs} ms, nothing is acknowledged meanwhile")]
    public static partial void InsertFailed(ILogger logger, int rows, int attempt, double delayMs, Exception error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "The store accepts inserts again after {Attempts} attempts")]
    public static partial void InsertRecovered(ILogger logger, int attempts);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Dead-lettered message {Sequence} of {Stream} on {Subject} to {DeadLetterSubject}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, ulong sequence, string stream, string subject, string deadLetterSubject, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "The tick writer stopped on an error; starting again in {DelayMs} ms")]
    public static partial void PipelineFailed(ILogger logger, double delayMs, Exception error);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "Could not read the consumer's state yet")]
    public static partial void ConsumerInfoFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Insert circuit opened for {BreakMs} ms after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, double breakMs);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Could not send in-progress acks for held messages")]
    public static partial void KeepAliveFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Debug, Message = "Stored {Rows} rows in {Seconds} s")]
    public static partial void BatchStored(ILogger logger, int rows, double seconds);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "A read query failed; the API answers 503")]
    public static partial void QueryFailed(ILogger logger, Exception error);

}
