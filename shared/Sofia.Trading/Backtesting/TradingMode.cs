namespace Sofia.Trading.Backtesting;

/// <summary>Which positions the backtester may hold.</summary>
public enum TradingMode
{
    /// <summary>Long or flat: short targets become flat and sells never go below zero.</summary>
    LongOnly = 0,

    /// <summary>Long, flat or short.</summary>
    LongShort = 1,
}
