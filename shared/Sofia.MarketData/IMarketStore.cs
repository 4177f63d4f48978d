namespace Sofia.MarketData;

/// <summary>
/// Where trades are stored and candles read: ClickHouse in production (<see cref="ClickHouseMarketStore"/>), in process
/// in <c>sofia demo</c> (<see cref="EmbeddedMarketStore"/>); both pass one contract test suite. Inserts are idempotent by
/// exchange + symbol + trade id, so a batch stored again after a redelivery changes no count, candle or read.
/// </summary>
public interface IMarketStore : IMarketHistory
{
    /// <summary>Makes the storage ready (ClickHouse: creates the database and applies the schema); idempotent.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="ticks"/>; trades already stored are kept once. Throws when storage fails.</summary>
    ValueTask InsertAsync(IReadOnlyList<MarketTick> ticks, CancellationToken cancellationToken);

    /// <summary>
    /// Candles of <paramref name="interval"/> whose open time lies in [<paramref name="fromTime"/>, <paramref name="toTime"/>),
    /// oldest first; buckets without trades produce no candle.
    /// </summary>
    Task<IReadOnlyList<Candle>> ReadCandlesAsync(
        string exchange,
        string symbol,
        CandleInterval interval,
        DateTimeOffset fromTime,
        DateTimeOffset toTime,
        CancellationToken cancellationToken);

    /// <summary>The last trade's price and time on each exchange that trades <paramref name="symbol"/>, by exchange.</summary>
    Task<IReadOnlyList<LastPrice>> ReadLastPricesAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Every stored symbol (ordinal order) with the exchanges it trades on.</summary>
    Task<IReadOnlyList<SymbolListing>> ReadSymbolsAsync(CancellationToken cancellationToken);
}
