namespace Sofia.Trading.Backtesting;

/// <summary>One point of the (downsampled) equity curve.</summary>
/// <param name="BarIndex">Zero-based bar index; −1 for the starting capital before the first bar.</param>
/// <param name="TimeUs">Bar open time, UTC epoch microseconds.</param>
/// <param name="Equity">Equity marked at the bar's close.</param>
/// <param name="Drawdown">Fall from the running peak of the full (not downsampled) curve, positive fraction.</param>
public readonly record struct EquityPoint(int BarIndex, long TimeUs, double Equity, double Drawdown);
