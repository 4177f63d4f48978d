using Sofia.Optimization.Scoring;

namespace Sofia.Optimization.Reporting;

/// <summary>How winners are picked, tested and judged.</summary>
public sealed record WinnerOptions
{
    /// <summary>Winners reported per strategy × symbol.</summary>
    public int Top { get; init; } = 3;

    /// <summary>Sign-flip permutations of a winner's out-of-sample returns.</summary>
    public int Permutations { get; init; } = 1000;

    /// <summary>Seed of the permutation test.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The success criteria (OOS MAR &gt; 0.5, Sharpe &gt; 1.2, max drawdown &lt; 10 %).</summary>
    public SuccessCriteria Criteria { get; init; } = new();

    /// <summary>Largest permutation p-value a promoted winner may have.</summary>
    public double MaxPValue { get; init; } = 0.05;

    /// <summary>Smallest deflated Sharpe ratio a promoted winner may have (0.95: its Sharpe beats luck at the 5 % level).</summary>
    public double MinDeflatedSharpe { get; init; } = 0.95;
}
