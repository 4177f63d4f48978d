using System.ComponentModel.DataAnnotations;
using Sofia.Contracts;
using Sofia.Optimization.Studies;

namespace Sofia.Optimizer.Options;

/// <summary>What the nightly study searches and how replicas share it, bound from the <c>Optimizer</c> section.</summary>
internal sealed record OptimizerOptions : IValidatableObject
{
    public const string SectionName = "Optimizer";

    // Lists start empty: the configuration binder appends to a default list instead of replacing it.

    /// <summary>Strategies to optimize (single-symbol ones).</summary>
    public IReadOnlyList<string> Strategies { get; init; } = [];

    /// <summary>Symbols to optimize, canonical <c>BASE-QUOTE</c>.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Exchange whose 1-minute candles are read from ClickHouse.</summary>
    [Required]
    public string Exchange { get; init; } = "binance";

    /// <summary>Bar files by symbol; a symbol with a file reads its history from it instead of ClickHouse.</summary>
    public IReadOnlyDictionary<string, string> DataFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Days of ClickHouse history before the run.</summary>
    [Range(1, 3650, ErrorMessage = "must be between 1 and 3650 days")]
    public int HistoryDays { get; init; } = 30;

    /// <summary>bayesian, genetic, both, random or grid.</summary>
    [RegularExpression("^(bayesian|genetic|both|random|grid)$", ErrorMessage = "must be bayesian, genetic, both, random or grid")]
    public string Method { get; init; } = "both";

    /// <summary>Trials per method, strategy and symbol.</summary>
    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int Trials { get; init; } = 100;

    /// <summary>Walk-forward folds.</summary>
    [Range(1, 100, ErrorMessage = "must be between 1 and 100")]
    public int Folds { get; init; } = 5;

    /// <summary>Fraction of the history, at its end, that no trial sees; winners must meet the success criteria there too.</summary>
    [Range(0, 0.49, ErrorMessage = "must be at least 0 and below 0.5")]
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>Seed of every search.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Trials asked per batch; fixed so results do not depend on the number of replicas.</summary>
    [Range(1, 1024, ErrorMessage = "must be between 1 and 1024")]
    public int BatchSize { get; init; } = StudyRunner.DefaultBatchSize;

    /// <summary>Fee per fill in basis points.</summary>
    [Range(0, 1000, ErrorMessage = "must be between 0 and 1000 basis points")]
    public double FeeBps { get; init; } = 10;

    /// <summary>Starting capital of each test window.</summary>
    [Range(1, 1e12, ErrorMessage = "must be positive")]
    public double Capital { get; init; } = 10_000;

    /// <summary>Permutations of the winners' permutation test.</summary>
    [Range(0, 1_000_000, ErrorMessage = "must be between 0 and 1000000")]
    public int Permutations { get; init; } = 1000;

    /// <summary>Quartz cron expression (UTC) of the nightly run; default 21:00 UTC.</summary>
    [Required]
    public string Schedule { get; init; } = "0 0 21 * * ?";

    /// <summary>Whether this replica runs the schedule (every replica always works on trials).</summary>
    public bool Coordinate { get; init; } = true;

    /// <summary>Longest duration of one nightly run; it is cancelled after that.</summary>
    [Range(1, 1440, ErrorMessage = "must be between 1 and 1440 minutes")]
    public int MaxDurationMinutes { get; init; } = 360;

    /// <summary>Trials this replica evaluates at once.</summary>
    [Range(1, 256, ErrorMessage = "must be between 1 and 256")]
    public int WorkerConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>How long a delivered trial may stay unacknowledged before another replica gets it.</summary>
    [Range(1, 3600, ErrorMessage = "must be between 1 and 3600 seconds")]
    public int AckWaitSeconds { get; init; } = 120;

    /// <summary>This replica's name in trial results; default machine name and process id.</summary>
    public string? WorkerName { get; init; }

    /// <summary>Durable consumer the replicas share.</summary>
    [Required]
    public string WorkerDurable { get; init; } = Durables.OptimizerWorkers;

    /// <summary>Job subjects the replicas take; narrower in tests.</summary>
    [Required]
    public string JobFilter { get; init; } = "optimizer.jobs.>";

    /// <summary>Where trials are stored: <c>jsonl</c> (files in <see cref="TrialDirectory"/>) or <c>clickhouse</c> (<see cref="TrialTable"/>, server from the <c>ClickHouse</c> section).</summary>
    [RegularExpression("^(jsonl|clickhouse)$", ErrorMessage = "must be jsonl or clickhouse")]
    public string TrialStore { get; init; } = "jsonl";

    /// <summary>The ClickHouse table of trials.</summary>
    [Required]
    public string TrialTable { get; init; } = "optimizer_trials";

    /// <summary>Folder of the JSON-lines trial journals (one file per study).</summary>
    [Required]
    public string TrialDirectory { get; init; } = "trials";

    /// <summary>Pause between reads of the results stream while a batch is out.</summary>
    [Range(10, 60_000, ErrorMessage = "must be between 10 and 60000 milliseconds")]
    public int ResultPollMs { get; init; } = 100;

    public TimeSpan MaxDuration => TimeSpan.FromMinutes(MaxDurationMinutes);

    public TimeSpan AckWait => TimeSpan.FromSeconds(AckWaitSeconds);

    public TimeSpan ResultPoll => TimeSpan.FromMilliseconds(ResultPollMs);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Quartz.CronExpression.TryParse(Schedule, out _))
        {
            yield return new ValidationResult($"'{Schedule}' is not a valid Quartz cron expression", [nameof(Schedule)]);
        }

        if (Strategies.Count == 0 || Symbols.Count == 0)
        {
            yield return new ValidationResult("at least one strategy and one symbol are needed", [nameof(Strategies), nameof(Symbols)]);
        }

        foreach (var name in Strategies)
        {
            if (Sofia.Trading.Strategies.StrategyRegistry.Find(name) is not { SymbolCount: 1 })
            {
                yield return new ValidationResult($"'{name}' is not a single-symbol strategy of the registry", [nameof(Strategies)]);
            }
        }
    }
}
