using System.ComponentModel.DataAnnotations;
using Sofia.Messaging;

namespace Sofia.SignalHub.Options;

/// <summary>The signal hub's settings, bound from the <c>SignalHub</c> section (<c>SOFIA_SignalHub__StrategiesFile</c>).</summary>
internal sealed record SignalHubOptions
{
    public const string SectionName = "SignalHub";

    /// <summary>The strategy plan (YAML); a relative path is under the service's own folder.</summary>
    [Required(ErrorMessage = "is required: the path of the strategies YAML file")]
    public string StrategiesFile { get; init; } = "strategies.yaml";

    /// <summary>Warm the strategies up from ClickHouse (the <c>ClickHouse</c> section) before a market's first live bar.</summary>
    public bool WarmUpFromHistory { get; init; }

    /// <summary>Bars kept per market to re-warm a strategy whose parameters are promoted.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between 1 and 1000000")]
    public int HistoryBars { get; init; } = 5_000;

    /// <summary>Where a newly created tick consumer starts: New (live only) or All (the whole stream).</summary>
    public BusDeliverFrom TicksDeliverFrom { get; init; } = BusDeliverFrom.New;

    /// <summary>Messages asked for per pull.</summary>
    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int PullBatch { get; init; } = 512;

    /// <summary>How long a delivered tick may stay unacked before it is delivered again.</summary>
    [Range(1, 3_600, ErrorMessage = "must be between 1 and 3600 seconds")]
    public int AckWaitSeconds { get; init; } = 30;

    /// <summary>k of the sentiment overlay: the largest relative change of the fused confidence.</summary>
    [Range(0.0, 1.0, ErrorMessage = "must be between 0 and 1")]
    public double SentimentSensitivity { get; init; } = 0.5;

    /// <summary>How long a news score counts.</summary>
    [Range(1, 10_080, ErrorMessage = "must be between 1 and 10080 minutes")]
    public int SentimentExpiryMinutes { get; init; } = 360;

    public TimeSpan AckWait => TimeSpan.FromSeconds(AckWaitSeconds);

    /// <summary>The plan's full path.</summary>
    public string StrategiesPath => Path.IsPathRooted(StrategiesFile) ? StrategiesFile : Path.Combine(AppContext.BaseDirectory, StrategiesFile);
}
