namespace Sofia.Optimization.Scoring;

/// <summary>Weights and cap of <see cref="ObjectiveScore"/>.</summary>
public sealed record ScoreWeights
{
    /// <summary>Weight of MAR.</summary>
    public double Mar { get; init; } = 1.0 / 3;

    /// <summary>Weight of the Sharpe ratio.</summary>
    public double Sharpe { get; init; } = 1.0 / 3;

    /// <summary>Weight of ln(profit factor).</summary>
    public double ProfitFactor { get; init; } = 1.0 / 3;

    /// <summary>Each term is clamped to [−Cap, Cap] so one runaway ratio cannot dominate.</summary>
    public double Cap { get; init; } = 10;
}
