namespace Sofia.Signals;

/// <summary>What a strategy may read of its account before it decides on a bar.</summary>
/// <param name="Equity">The strategy's equity marked at the bar's close (quote currency).</param>
/// <param name="Position">Its signed position in the market (base units).</param>
/// <param name="OpenOrders">Its orders still open in the market.</param>
public readonly record struct StrategyAccountState(double Equity, double Position, int OpenOrders);
