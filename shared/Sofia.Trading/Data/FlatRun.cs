namespace Sofia.Trading.Data;

/// <summary>
/// Consecutive bars with zero volume and open = high = low = close: an exchange publishing candles while nothing
/// trades (Binance's 2023-03-24 halt shows 72 of them before its gap). Reported, never repaired.
/// </summary>
/// <param name="StartUs">Open time of the first flat bar.</param>
/// <param name="Bars">Number of flat bars.</param>
/// <param name="FirstRow">1-based input row of the first flat bar.</param>
public readonly record struct FlatRun(long StartUs, int Bars, int FirstRow);
