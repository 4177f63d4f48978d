namespace Sofia.Optimizer;

/// <summary>Log messages of the optimizer; event ids 7600–7799 belong to it.</summary>
internal static partial class OptimizerLog
{
    [LoggerMessage(EventId = 7600, Level = LogLevel.Information, Message = "Trial worker consuming {Filter} as {Durable}: {Concurrency} at once, ack wait {AckWaitSeconds} s")]
    public static partial void WorkerStarted(ILogger logger, string filter, string durable, int concurrency, double ackWaitSeconds);

    [LoggerMessage(EventId = 7601, Level = LogLevel.Debug, Message = "Trial {Study}#{Trial} scored {Score} in {Milliseconds} ms (delivery {Delivery})")]
    public static partial void TrialDone(ILogger logger, string study, int trial, double score, long milliseconds, int delivery);

    [LoggerMessage(EventId = 7602, Level = LogLevel.Warning, Message = "Trial message {Sequence} on {Subject} is unreadable; dead-lettered")]
    public static partial void BadJob(ILogger logger, ulong sequence, string subject, Exception error);

    [LoggerMessage(EventId = 7603, Level = LogLevel.Error, Message = "The trial worker failed; starting again in {DelayMs} ms")]
    public static partial void WorkerFailed(ILogger logger, double delayMs, Exception error);

    [LoggerMessage(EventId = 7604, Level = LogLevel.Information, Message = "Study {Study}: {Strategy} on {Symbol}, {Method}, {Trials} trials, {Bars} bars, {Folds} folds ({Resumed} resumed)")]
    public static partial void StudyStarted(ILogger logger, string study, string strategy, string symbol, Sofia.Optimization.Search.SearchAlgorithm method, int trials, int bars, int folds, int resumed);

    [LoggerMessage(EventId = 7605, Level = LogLevel.Information, Message = "{Verdict}")]
    public static partial void StudyVerdict(ILogger logger, string verdict);

    [LoggerMessage(EventId = 7606, Level = LogLevel.Information, Message = "Promoted {Key} = {Parameters}")]
    public static partial void Promoted(ILogger logger, string key, string parameters);

    [LoggerMessage(EventId = 7607, Level = LogLevel.Information, Message = "Next optimizer run at {NextRun:u}")]
    public static partial void NextRun(ILogger logger, DateTimeOffset nextRun);

    [LoggerMessage(EventId = 7608, Level = LogLevel.Warning, Message = "The optimizer run {Run} stopped after its maximum duration of {Minutes} minutes")]
    public static partial void RunTimedOut(ILogger logger, string run, double minutes);

    [LoggerMessage(EventId = 7609, Level = LogLevel.Error, Message = "The optimizer run {Run} failed")]
    public static partial void RunFailed(ILogger logger, string run, Exception error);

    [LoggerMessage(EventId = 7610, Level = LogLevel.Information, Message = "Optimizer run {Run} finished in {Seconds} s")]
    public static partial void RunFinished(ILogger logger, string run, double seconds);
}
