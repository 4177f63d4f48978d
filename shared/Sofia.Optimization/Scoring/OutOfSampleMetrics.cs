namespace Sofia.Optimization.Scoring;

/// <summary>
/// Out-of-sample figures of one parameter set, pooled over the test windows of its folds (each window is a separate
/// run from the same starting capital). Returns are per bar; ratios are annualized with <see cref="PeriodsPerYear"/>.
/// </summary>
public sealed record OutOfSampleMetrics
{
    /// <summary>Test windows pooled.</summary>
    public int Folds { get; init; }

    /// <summary>Per-bar returns pooled (Σ of each window's bars).</summary>
    public int Periods { get; init; }

    /// <summary>Annualization factor (525 600 for 1-minute bars).</summary>
    public double PeriodsPerYear { get; init; }

    /// <summary>Compounded return of the windows chained: Π(1 + Rᵢ) − 1.</summary>
    public double TotalReturn { get; init; }

    /// <summary>(1 + <see cref="TotalReturn"/>)^(<see cref="PeriodsPerYear"/> / <see cref="Periods"/>) − 1.</summary>
    public double Cagr { get; init; }

    /// <summary>The deepest drawdown of any window, a fraction 0..1.</summary>
    public double MaxDrawdown { get; init; }

    /// <summary>MAR: <see cref="Cagr"/> / <see cref="MaxDrawdown"/> (NaN when there was no drawdown).</summary>
    public double Mar { get; init; }

    /// <summary>Sharpe of the pooled per-bar returns: mean / sample std · √<see cref="PeriodsPerYear"/>.</summary>
    public double Sharpe { get; init; }

    /// <summary>Gross profit / gross loss of every closed trade (+∞ with no loss, NaN with no trade).</summary>
    public double ProfitFactor { get; init; }

    /// <summary>Closed round trips in all windows.</summary>
    public int Trades { get; init; }

    /// <summary>In-sample Sharpe pooled over the training windows (NaN when not computed).</summary>
    public double InSampleSharpe { get; init; } = double.NaN;
}
