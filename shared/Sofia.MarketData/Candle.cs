namespace Sofia.MarketData;

/// <summary>One OHLCV candle over [<see cref="OpenTime"/>, <see cref="CloseTime"/>); prices and volumes exact, each trade once.</summary>
/// <param name="OpenTime">Start of the candle, aligned to a UTC epoch multiple of its interval.</param>
/// <param name="CloseTime">Open time plus the interval (exclusive).</param>
/// <param name="Open">Price of the first trade (by exchange time, then trade id length, then trade id).</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Price of the last trade in the same order.</param>
/// <param name="Volume">Sum of quantities.</param>
/// <param name="BuyVolume">Sum of quantities whose taker bought.</param>
/// <param name="Trades">Number of distinct trades.</param>
public sealed record Candle(
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal BuyVolume,
    long Trades);
