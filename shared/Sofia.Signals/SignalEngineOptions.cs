namespace Sofia.Signals;

/// <summary>How a <see cref="SignalEngine"/> runs its plan.</summary>
public sealed record SignalEngineOptions
{
    /// <summary>
    /// Also run <see cref="Sofia.Trading.Strategies.ExecutionStyle.Orders"/> strategies (grid) on their own; false in
    /// the signal hub, whose empty account would make their orders meaningless. They vote in fusion either way.
    /// </summary>
    public bool IncludeOrderStrategies { get; init; }

    /// <summary>The runner's ledgers; null decides every strategy on an empty account with orders disabled.</summary>
    public IStrategyAccount? Account { get; init; }

    /// <summary>False in long-only mode (order-placing strategies must not sell below zero).</summary>
    public bool AllowShort { get; init; } = true;

    /// <summary>
    /// Bars kept per market to re-warm a strategy whose parameters change; a strategy needing more than this stays
    /// silent until it has seen enough live bars.
    /// </summary>
    public int HistoryBars { get; init; } = 5_000;
}
