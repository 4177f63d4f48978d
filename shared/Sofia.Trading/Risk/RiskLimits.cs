namespace Sofia.Trading.Risk;

/// <summary>The standard limits; a zero value switches that rule off. Bind it from configuration and pass it to <see cref="RiskEngine.Create"/>.</summary>
public sealed record RiskLimits
{
    /// <summary>Largest position notional per symbol, quote currency.</summary>
    public decimal MaxPositionUsd { get; init; }

    /// <summary>Per-symbol overrides of <see cref="MaxPositionUsd"/>.</summary>
    public IReadOnlyDictionary<string, decimal>? MaxPositionUsdBySymbol { get; init; }

    /// <summary>Largest gross exposure / equity.</summary>
    public decimal MaxGrossLeverage { get; init; }

    /// <summary>Largest loss within a UTC day, fraction of the day's starting equity.</summary>
    public decimal DailyLossLimit { get; init; }

    /// <summary>Largest drawdown from the equity peak, fraction of the peak.</summary>
    public decimal MaxDrawdown { get; init; }
}
