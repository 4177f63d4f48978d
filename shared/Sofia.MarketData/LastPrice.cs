namespace Sofia.MarketData;

/// <summary>The last stored trade of a symbol on one exchange.</summary>
/// <param name="Exchange">The exchange.</param>
/// <param name="Price">The trade's price.</param>
/// <param name="Time">Its exchange time.</param>
public sealed record LastPrice(string Exchange, decimal Price, DateTimeOffset Time);
