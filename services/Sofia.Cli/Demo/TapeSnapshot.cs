namespace Sofia.Cli.Demo;

/// <summary>The bus counts at one moment.</summary>
internal sealed record TapeSnapshot(
    long Ticks,
    long Bars,
    long LastTickTimeUs,
    long FirstTickTimeUs,
    IReadOnlyDictionary<string, StrategyTally> Strategies);
