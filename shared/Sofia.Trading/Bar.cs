namespace Sofia.Trading;

/// <summary>
/// One OHLCV bar covering [<see cref="OpenTimeUs"/>, <see cref="OpenTimeUs"/> + interval).
/// Prices are doubles for speed in indicators and backtest loops; anything that becomes money
/// (fills, ledgers) converts to <see cref="decimal"/> at that edge.
/// </summary>
/// <param name="OpenTimeUs">Bar open time, UTC epoch microseconds.</param>
/// <param name="Open">First trade price.</param>
/// <param name="High">Highest trade price.</param>
/// <param name="Low">Lowest trade price.</param>
/// <param name="Close">Last trade price.</param>
/// <param name="Volume">Traded base quantity.</param>
public readonly record struct Bar(long OpenTimeUs, double Open, double High, double Low, double Close, double Volume);
