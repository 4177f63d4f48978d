namespace Sofia.TickWriter.Domain;

/// <summary>One OHLCV bar over [<see cref="OpenTime"/>, <see cref="CloseTime"/>); prices and volumes exact.</summary>
internal sealed record Candle(
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal BuyVolume,
    long Trades);
