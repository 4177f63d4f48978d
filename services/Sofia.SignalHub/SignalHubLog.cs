namespace Sofia.SignalHub;

/// <summary>Log messages of the signal hub; event ids 7100–7299 belong to it.</summary>
internal static partial class SignalHubLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Strategy plan {Path}: {Markets} markets, {Interval} bars")]
    public static partial void PlanLoaded(ILogger logger, string path, int markets, TimeSpan interval);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Consuming ticks of {Exchange}/{Symbol} as {Durable} (filter {Filter})")]
    public static partial void ConsumingTicks(ILogger logger, string exchange, string symbol, string durable, string filter);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Warmed {Exchange}/{Symbol} up with {Bars} history bars before {FirstBarUs}; warm: {Warm}")]
    public static partial void WarmedUp(ILogger logger, string exchange, string symbol, int bars, long firstBarUs, bool warm);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "History warm-up of {Exchange}/{Symbol} failed; it warms up from live bars instead")]
    public static partial void WarmUpFailed(ILogger logger, string exchange, string symbol, Exception error);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Promoted parameters of {Strategy} on {Symbol} accepted ({Parameters}); they take effect at the next bar")]
    public static partial void ParametersPromoted(ILogger logger, string strategy, string symbol, string parameters);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Promoted parameters under key {Key} ignored, the current ones stay: {Reason}")]
    public static partial void ParametersRejected(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "Could not publish the signals of bar {BarTimeUs} of {Symbol} (attempt {Attempt}); trying again in {DelayMs} ms")]
    public static partial void PublishFailed(ILogger logger, long barTimeUs, string symbol, int attempt, double delayMs, Exception error);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Error, Message = "The signal hub stopped on an error; starting again in {DelayMs} ms")]
    public static partial void HubFailed(ILogger logger, double delayMs, Exception error);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Warning, Message = "Dead-lettered message {Sequence} on {Subject}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, ulong sequence, string subject, string reason);

    [LoggerMessage(EventId = 7109, Level = LogLevel.Debug, Message = "Published {Count} signals of bar {BarTimeUs} of {Symbol} in {Milliseconds} ms")]
    public static partial void Published(ILogger logger, int count, long barTimeUs, string symbol, double milliseconds);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Debug, Message = "News score for {Symbol}: {Score} (confidence {Confidence}) at {TimeUs}")]
    public static partial void SentimentReceived(ILogger logger, string symbol, double score, double confidence, long timeUs);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Promoted parameters of {Strategy} on {Symbol} removed; the plan's values take effect at the next bar")]
    public static partial void ParametersReverted(ILogger logger, string strategy, string symbol);
}
