namespace Sofia.Trading.Strategies;

/// <summary>The regime filter of <see cref="TrendStrategy"/>: entries are taken only when it agrees.</summary>
public enum TrendRegime
{
    /// <summary>No filter.</summary>
    None = 0,

    /// <summary>Longs only with the close above SMA(regime_period), shorts only below it.</summary>
    Sma = 1,

    /// <summary>Entries only when the rolling Hurst exponent of closes is above 0.5 (persistent, trending).</summary>
    Hurst = 2,
}
