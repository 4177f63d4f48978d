namespace Sofia.Trading;

/// <summary>One trade as the trading core sees it (bar building, tick-mode fills).</summary>
/// <param name="TimeUs">Exchange trade time, UTC epoch microseconds.</param>
/// <param name="Price">Trade price.</param>
/// <param name="Quantity">Base quantity.</param>
/// <param name="TakerIsBuyer">True when the aggressor bought.</param>
public readonly record struct TradeTick(long TimeUs, double Price, double Quantity, bool TakerIsBuyer);
