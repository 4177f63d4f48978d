namespace Sofia.PaperOms.Domain;

/// <summary>
/// One paper book: a strategy trading one market. Each book has its own ledger, risk state and K-factor, so its state
/// depends only on its own signals and its own market's ticks (the determinism rule, see the README).
/// </summary>
internal readonly record struct BookKey(string Strategy, string Exchange, string Symbol)
{
    /// <summary>The ledger name: <c>{strategy}:{exchange}:{symbol}</c>.</summary>
    public string Id => $"{Strategy}:{Exchange}:{Symbol}";

    /// <summary>The market key positions are booked under: <c>{exchange}:{symbol}</c>.</summary>
    public string Market => MarketKey(Exchange, Symbol);

    public static string MarketKey(string exchange, string symbol) => $"{exchange}:{symbol}";
}
