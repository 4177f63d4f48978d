namespace Sofia.Trading.Data;

/// <summary>A time bar built from trades, with the aggressor-buy share of its volume and its trade count.</summary>
/// <param name="Bar">OHLCV of the interval; <see cref="Bar.OpenTimeUs"/> is the interval start.</param>
/// <param name="BuyVolume">Base quantity of trades whose taker bought.</param>
/// <param name="TradeCount">Trades in the bar.</param>
public readonly record struct AggregatedBar(Bar Bar, double BuyVolume, int TradeCount);
