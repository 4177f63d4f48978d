using Sofia.MarketData;

namespace Sofia.MarketData.Tests.Store;

/// <summary>A trade as the tests know it: decimals as written, so expectations never go through the store's conversions.</summary>
internal sealed record StoreTrade(string Exchange, string Symbol, string Id, long TimeUs, decimal Price, decimal Quantity, bool Buy)
{
    public MarketTick ToTick() => MarketTick.Create(Exchange, Symbol, Id, Price, Quantity, Buy, TimeUs, TimeUs + 1_000);

    public static List<MarketTick> ToTicks(IEnumerable<StoreTrade> trades) => trades.Select(t => t.ToTick()).ToList();
}
