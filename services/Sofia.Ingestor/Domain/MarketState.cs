using Sofia.Contracts;
using Sofia.Exchanges;

namespace Sofia.Ingestor.Domain;

/// <summary>
/// What the ingestor remembers about one market across the connections that carry it (reconnects and the
/// overlap of a replacement connection): its subjects, the trade-id gap detector, the newest exchange time
/// seen and its whale detector. <see cref="Gate"/> serializes the connections that share it.
/// </summary>
internal sealed class MarketState(string exchange, string symbol, WhaleRules rules)
{
    public Lock Gate { get; } = new();

    public string Exchange { get; } = exchange;

    public string Symbol { get; } = symbol;

    public string TickSubject { get; } = Subjects.Ticks(exchange, symbol);

    public string AlertSubject { get; } = Subjects.WhaleAlert(exchange, symbol);

    public TradeIdGapDetector Gaps { get; } = new();

    public WhaleDetector Whales { get; } = new(rules, WhaleRules.UsdQuotes.Contains(Symbols.Split(symbol).Quote));

    /// <summary>The newest exchange time of a published trade, UTC epoch microseconds (0 before the first).</summary>
    public long LastExchangeTimeUs { get; set; }
}
