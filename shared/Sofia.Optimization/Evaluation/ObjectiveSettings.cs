using Sofia.Optimization.Scoring;
using Sofia.Trading.Backtesting;

namespace Sofia.Optimization.Evaluation;

/// <summary>How a parameter set is backtested and scored.</summary>
public sealed record ObjectiveSettings
{
    /// <summary>
    /// Capital, mode, fees and slippage of every backtest (trade lists and equity curves are switched off for trials).
    /// Defaults: 10 000 capital, long-only, 10 bps fee.
    /// </summary>
    public BacktestOptions Backtest { get; init; } = new() { FeeBps = 10m };

    /// <summary>Weights of the score.</summary>
    public ScoreWeights Weights { get; init; } = new();

    /// <summary>Hard constraints.</summary>
    public ScoringConstraints Constraints { get; init; } = new();

    /// <summary>
    /// Bars before a test segment fed to the strategy (not traded) when no training segment ends where the test starts
    /// (k-fold); at least the strategy's own warm-up is used.
    /// </summary>
    public int WarmUpBars { get; init; } = 500;
}
