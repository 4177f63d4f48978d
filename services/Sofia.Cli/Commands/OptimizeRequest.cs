using Sofia.Optimization.Search;
using Sofia.Trading.Backtesting;

namespace Sofia.Cli.Commands;

/// <summary>Everything <c>sofia optimize</c> was asked for.</summary>
internal sealed record OptimizeRequest
{
    public required IReadOnlyList<string> DataFiles { get; init; }

    public IReadOnlyList<string> Symbols { get; init; } = [];

    public IReadOnlyList<string> Strategies { get; init; } = ["trend"];

    public IReadOnlyList<SearchAlgorithm> Methods { get; init; } = [SearchAlgorithm.Bayesian, SearchAlgorithm.Genetic];

    public int Trials { get; init; } = 100;

    public int Folds { get; init; } = 5;

    public string Validation { get; init; } = OptimizeCommand.WalkForward;

    public int Embargo { get; init; } = 240;

    public ulong Seed { get; init; } = 42;

    /// <summary>Fraction of the bars, at the end, kept out of the search and run once by the winners.</summary>
    public double Holdout { get; init; }

    public TradingMode Mode { get; init; } = TradingMode.LongOnly;

    public decimal FeeBps { get; init; } = 10m;

    public decimal Capital { get; init; } = 10_000m;

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public int BatchSize { get; init; } = Optimization.Studies.StudyRunner.DefaultBatchSize;

    public int Permutations { get; init; } = 1000;

    public bool Json { get; init; }
}
