namespace Sofia.ExchangeSimulator;

/// <summary>One state of the regime-switching volatility process.</summary>
/// <param name="AnnualizedVolatility">The standard deviation of log returns over a year (0.6 = 60 %).</param>
/// <param name="MeanDuration">How long the market stays in this state on average (exponentially distributed).</param>
public readonly record struct VolatilityRegime(double AnnualizedVolatility, TimeSpan MeanDuration);
