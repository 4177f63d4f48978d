using System.ComponentModel.DataAnnotations;
using Sofia.PaperOms.Domain;
using Sofia.Trading.Execution;
using Sofia.Trading.Risk;
using Sofia.Trading.Sizing;

namespace Sofia.PaperOms.Options;

/// <summary>The paper OMS's settings, bound from the <c>PaperOms</c> section; every decision setting feeds the engine.</summary>
internal sealed record PaperOmsOptions
{
    public const string SectionName = "PaperOms";

    /// <summary>Key that mutating endpoints require in the <c>X-Api-Key</c> header.</summary>
    [Required(ErrorMessage = "must be set: mutating endpoints require it")]
    [MinLength(16, ErrorMessage = "must be at least 16 characters")]
    public string ApiKey { get; init; } = string.Empty;

    [Range(typeof(decimal), "1", "1000000000", ErrorMessage = "must be between 1 and 1e9")]
    public decimal StartingCashPerBook { get; init; } = 10_000m;

    [Range(typeof(decimal), "0", "1000", ErrorMessage = "must be between 0 and 1000 bps")]
    public decimal TakerFeeBps { get; init; } = 10m;

    [Range(typeof(decimal), "-100", "1000", ErrorMessage = "must be between -100 and 1000 bps")]
    public decimal MakerFeeBps { get; init; } = 2m;

    [Range(typeof(decimal), "0", "1000", ErrorMessage = "must be between 0 and 1000 bps")]
    public decimal SlippageBps { get; init; } = 2m;

    [Range(typeof(decimal), "0", "1000", ErrorMessage = "must be between 0 and 1000 bps")]
    public decimal ImpactBps { get; init; }

    [Range(typeof(decimal), "0.0001", "10", ErrorMessage = "must be between 0.0001 and 10")]
    public decimal SizingFraction { get; init; } = 1m;

    [Range(typeof(decimal), "0.00000001", "1000", ErrorMessage = "must be between 1e-8 and 1000")]
    public decimal LotStep { get; init; } = 0.00001m;

    public bool AllowShort { get; init; } = true;

    [Range(typeof(decimal), "0", "1000000000", ErrorMessage = "must be between 0 (off) and 1e9")]
    public decimal MaxPositionUsd { get; init; }

    /// <summary>Per-symbol caps of the position notional (symbol → USD).</summary>
    public Dictionary<string, decimal> MaxPositionUsdBySymbol { get; init; } = new(StringComparer.Ordinal);

    [Range(typeof(decimal), "0", "100", ErrorMessage = "must be between 0 (off) and 100")]
    public decimal MaxGrossLeverage { get; init; }

    [Range(typeof(decimal), "0", "1", ErrorMessage = "must be a fraction between 0 (off) and 1")]
    public decimal DailyLossLimit { get; init; }

    [Range(typeof(decimal), "0", "1", ErrorMessage = "must be a fraction between 0 (off) and 1")]
    public decimal MaxDrawdown { get; init; }

    [Range(typeof(decimal), "0", "1", ErrorMessage = "must be a fraction between 0 (off) and 1")]
    public decimal GateDrawdown { get; init; } = 0.05m;

    [Range(typeof(decimal), "0", "1", ErrorMessage = "must be a fraction between 0 (off) and 1")]
    public decimal GateLoss { get; init; } = 0.03m;

    [Range(1, 8760, ErrorMessage = "must be between 1 and 8760 hours")]
    public int StageHours { get; init; } = 24;

    /// <summary>Origins allowed to call the API from a browser.</summary>
    public string[] CorsOrigins { get; init; } = [];

    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int RequestsPerMinute { get; init; } = 120;

    [Range(1, 3600, ErrorMessage = "must be between 1 and 3600 seconds")]
    public int SnapshotIntervalSeconds { get; init; } = 5;

    /// <summary>
    /// How long a delivered signal or tick may stay unacknowledged before it is delivered again; a restart that finds
    /// unacknowledged inputs waits this long so they come back in order.
    /// </summary>
    [Range(2, 600, ErrorMessage = "must be between 2 and 600 seconds")]
    public int InputAckWaitSeconds { get; init; } = 30;

    /// <summary>
    /// The signal hub's strategy plan (YAML): the OMS runs its order strategies and the replay runs all of it. A relative
    /// path is read beside the OMS, which ships the hub's default plan; point both services at the same file when you
    /// change it. Empty turns order strategies off and the replay answers 409.
    /// </summary>
    public string? StrategiesFile { get; init; } = "strategies.yaml";

    /// <summary>
    /// Run the plan's order-placing strategies (grid) in the OMS, each in its own book with resting limit orders
    /// (needs <see cref="StrategiesFile"/>; a plan without such strategies changes nothing). The replay runs them too.
    /// </summary>
    public bool RunOrderStrategies { get; init; } = true;

    /// <summary>Hours of stored trades before a replay window that warm its strategies up.</summary>
    [Range(0, 720, ErrorMessage = "must be between 0 and 720 hours")]
    public int ReplayWarmUpHours { get; init; } = 24;

    /// <summary>The plan's full path, or null when <see cref="StrategiesFile"/> is empty.</summary>
    public string? StrategiesPath => string.IsNullOrWhiteSpace(StrategiesFile)
        ? null
        : Path.IsPathRooted(StrategiesFile) ? StrategiesFile : Path.Combine(AppContext.BaseDirectory, StrategiesFile);

    private static readonly string[] Exchanges = ["binance", "bybit", "okx", "coinbase"];

    // Books hold positions under {exchange}:{symbol}; a symbol's cap applies on every exchange.
    private static Dictionary<string, decimal> PerMarket(Dictionary<string, decimal> bySymbol) =>
        Exchanges.SelectMany(e => bySymbol.Select(p => (Key: $"{e}:{p.Key}", p.Value)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public PaperEngineSettings ToEngineSettings() => new()
    {
        StartingCashPerBook = StartingCashPerBook,
        FillModel = new FillModel { TakerFeeBps = TakerFeeBps, MakerFeeBps = MakerFeeBps, SlippageBps = SlippageBps, ImpactBps = ImpactBps },
        Risk = new RiskLimits
        {
            MaxPositionUsd = MaxPositionUsd,
            MaxPositionUsdBySymbol = MaxPositionUsdBySymbol.Count == 0 ? null : PerMarket(MaxPositionUsdBySymbol),
            MaxGrossLeverage = MaxGrossLeverage,
            DailyLossLimit = DailyLossLimit,
            MaxDrawdown = MaxDrawdown,
        },
        SizingFraction = SizingFraction,
        Lot = new LotSize(LotStep, 0m),
        AllowShort = AllowShort,
        Ramp = new KFactorRampSettings { GateDrawdown = GateDrawdown, GateLoss = GateLoss, StageDurationUs = StageHours * 3_600_000_000L },
    };
}
