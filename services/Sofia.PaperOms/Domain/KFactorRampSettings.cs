namespace Sofia.PaperOms.Domain;

/// <summary>K-factor stages and the gates that move a book down a stage.</summary>
internal sealed record KFactorRampSettings
{
    /// <summary>The stages, lowest first; a book starts at the first.</summary>
    public IReadOnlyList<decimal> Stages { get; init; } = [0.25m, 0.5m, 1m];

    /// <summary>Time in a stage (exchange time) after which the book moves up one stage.</summary>
    public long StageDurationUs { get; init; } = 86_400_000_000;

    /// <summary>Drawdown from the stage's equity peak (fraction) above which the book moves down a stage; 0 = off.</summary>
    public decimal GateDrawdown { get; init; } = 0.05m;

    /// <summary>Loss since the stage started (fraction of the equity then) above which the book moves down; 0 = off.</summary>
    public decimal GateLoss { get; init; } = 0.03m;
}
