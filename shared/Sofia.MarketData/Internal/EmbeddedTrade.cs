namespace Sofia.MarketData.Internal;

/// <summary>A stored trade of the embedded store; fixed-point price and quantity.</summary>
internal readonly record struct EmbeddedTrade(string TradeId, long TimeUs, Int128 Price, Int128 Quantity, byte Side)
{
    /// <summary>The schema's total order of trades: exchange time, then trade id length (numeric ids numerically), then id.</summary>
    public int CompareOrder(in EmbeddedTrade other)
    {
        var byTime = TimeUs.CompareTo(other.TimeUs);
        if (byTime != 0)
        {
            return byTime;
        }

        var byLength = TradeId.Length.CompareTo(other.TradeId.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(TradeId, other.TradeId);
    }
}
