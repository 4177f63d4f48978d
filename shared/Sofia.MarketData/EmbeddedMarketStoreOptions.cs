using System.ComponentModel.DataAnnotations;

namespace Sofia.MarketData;

/// <summary>
/// The memory policy of <see cref="EmbeddedMarketStore"/>, per exchange and symbol. A held trade costs about 120 bytes,
/// a minute's candle about 200, so the defaults bound one market to about 25 MB of trades and 9 MB of candles.
/// </summary>
public sealed record EmbeddedMarketStoreOptions
{
    /// <summary>Trades held per market for tick reads and de-duplication; past it the oldest minutes drop their trades (keeping their candles).</summary>
    [Range(1, int.MaxValue)]
    public int MaxTradesPerMarket { get; init; } = 200_000;

    /// <summary>One-minute candles kept per market (30 days by default); past it the oldest minutes are forgotten.</summary>
    [Range(1, int.MaxValue)]
    public int MaxMinutesPerMarket { get; init; } = 43_200;
}
