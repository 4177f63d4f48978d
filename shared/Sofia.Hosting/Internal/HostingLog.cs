using Microsoft.Extensions.Logging;

namespace Sofia.Hosting.Internal;

/// <summary>Log messages of Sofia.Hosting; event ids 1000–1999 belong to this library.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Application} started in {Environment}; shutdown drains for up to {ShutdownTimeoutSeconds} s")]
    public static partial void Started(ILogger logger, string application, string environment, double shutdownTimeoutSeconds);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "Configuration is invalid, start-up stopped: {Failures}")]
    public static partial void ConfigurationInvalid(ILogger logger, string failures);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Shutdown requested: intake stops and in-flight work drains for up to {ShutdownTimeoutSeconds} s")]
    public static partial void ShutdownRequested(ILogger logger, double shutdownTimeoutSeconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Shutdown completed in {ElapsedMilliseconds} ms")]
    public static partial void ShutdownCompleted(ILogger logger, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Metric {MetricName} of instrument {Instrument} (meter {Meter}) is not exported: a {ExistingType} already uses that name")]
    public static partial void MetricNameCollision(ILogger logger, string metricName, string instrument, string meter, string existingType);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Instrument {Instrument} (meter {Meter}) reached {Limit} label sets; further label sets are folded into otel_metric_overflow=\"true\"")]
    public static partial void MetricCardinalityLimitReached(ILogger logger, string instrument, string meter, int limit);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "An observable instrument's callback failed during a metrics scrape; its series are missing from this scrape")]
    public static partial void ObservableCallbackFailed(ILogger logger, Exception exception);
}
