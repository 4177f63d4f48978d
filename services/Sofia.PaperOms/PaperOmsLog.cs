namespace Sofia.PaperOms;

/// <summary>Log messages of the paper OMS; event ids 7300–7499 belong to it.</summary>
internal static partial class PaperOmsLog
{
    [LoggerMessage(EventId = 7300, Level = LogLevel.Information, Message = "Rebuilt paper state from {Records} records in {Milliseconds} ms: {Books} books, {Completed} interrupted records completed")]
    public static partial void Rebuilt(ILogger logger, int records, long milliseconds, int books, int completed);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Consuming signals as {SignalsDurable} and ticks as {TicksDurable}")]
    public static partial void Consuming(ILogger logger, string signalsDurable, string ticksDurable);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Kill switch engaged: {Reason}")]
    public static partial void KillSwitchEngaged(ILogger logger, string reason);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "Kill switch released")]
    public static partial void KillSwitchReleased(ILogger logger);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Warning, Message = "Dead-lettered an undecodable message {Sequence} on {Subject}")]
    public static partial void Undecodable(ILogger logger, ulong sequence, string subject, Exception error);

    [LoggerMessage(EventId = 7305, Level = LogLevel.Error, Message = "The paper OMS stopped on an error; starting again in {DelayMs} ms")]
    public static partial void Failed(ILogger logger, double delayMs, Exception error);

    [LoggerMessage(EventId = 7306, Level = LogLevel.Information, Message = "Trading mode set to {Mode}")]
    public static partial void TradingMode(ILogger logger, string mode);

    [LoggerMessage(EventId = 7307, Level = LogLevel.Warning, Message = "Could not publish the account snapshot")]
    public static partial void SnapshotFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7308, Level = LogLevel.Warning, Message = "Dead-lettered message {Sequence} on {Subject}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, ulong sequence, string subject, string reason);

    [LoggerMessage(EventId = 7309, Level = LogLevel.Information, Message = "{AckPending} inputs of {Durable} are still unacknowledged from a previous run; waiting {Seconds} s for their redelivery in order")]
    public static partial void AwaitingRedelivery(ILogger logger, long ackPending, string durable, double seconds);

    [LoggerMessage(EventId = 7310, Level = LogLevel.Debug, Message = "Skipped tick {TradeId} of {Exchange}:{Symbol}: older than the last tick of its market (a redelivery)")]
    public static partial void StaleTick(ILogger logger, Domain.TickTradeId tradeId, string exchange, string symbol);

    [LoggerMessage(EventId = 7311, Level = LogLevel.Error, Message = "Book {Book} lacks records {From}..{To} in the orders and fills streams: they were lost (nats-server and then the OMS died before they were stored again), so its rebuilt state differs from what the OMS did")]
    public static partial void RecordsMissing(ILogger logger, string book, ulong from, ulong to);
}
