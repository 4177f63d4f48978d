using Sofia.Optimization.Scoring;
using Sofia.Optimization.Studies;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Reporting;

/// <summary>One of the best parameter sets of a strategy × symbol, with its out-of-sample figures and guards.</summary>
public sealed record Winner
{
    /// <summary>1 for the best.</summary>
    public required int Rank { get; init; }

    /// <summary>The trial it came from.</summary>
    public required TrialRecord Record { get; init; }

    /// <summary>The parameters, named.</summary>
    public required StrategyParameters Parameters { get; init; }

    /// <summary>Out-of-sample figures.</summary>
    public required OutOfSampleMetrics Metrics { get; init; }

    /// <summary>Sign-flip permutation p-value of the out-of-sample per-bar returns.</summary>
    public required double PValue { get; init; }

    /// <summary>Deflated Sharpe ratio given the number of trials of the study.</summary>
    public required double DeflatedSharpe { get; init; }

    /// <summary>Success criteria it misses (empty when it meets them all).</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>Figures on the held-out data no trial saw (null when the study kept no holdout).</summary>
    public OutOfSampleMetrics? Holdout { get; init; }

    /// <summary>Success criteria it misses on the holdout (empty when there is none or it meets them all).</summary>
    public IReadOnlyList<string> HoldoutFailures { get; init; } = [];

    /// <summary>True when it meets the success criteria (on the holdout too, when there is one), the constraints and both overfitting guards: it may be promoted.</summary>
    public required bool Promotable { get; init; }

    /// <summary>True when it meets the success criteria (OOS MAR, Sharpe, drawdown).</summary>
    public bool MeetsCriteria => Failures.Count == 0;
}
