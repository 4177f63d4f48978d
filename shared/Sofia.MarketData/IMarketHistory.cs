using Sofia.Trading;

namespace Sofia.MarketData;

/// <summary>
/// Stored market history as the trading services read it: exact (de-duplicated) ticks and 1-minute bars of one
/// exchange and symbol over a half-open time range [from, to), oldest first, streamed.
/// ClickHouse in production, embedded storage in <c>sofia demo</c>; both pass one contract test suite.
/// </summary>
public interface IMarketHistory
{
    /// <summary>1-minute bars whose open time lies in [<paramref name="fromUs"/>, <paramref name="toUs"/>).</summary>
    IAsyncEnumerable<Bar> ReadMinuteBarsAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken);

    /// <summary>Trades whose exchange time lies in [<paramref name="fromUs"/>, <paramref name="toUs"/>), each once.</summary>
    IAsyncEnumerable<TradeTick> ReadTicksAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken);
}
