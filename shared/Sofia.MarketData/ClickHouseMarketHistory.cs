using System.Runtime.CompilerServices;
using Sofia.ClickHouse;
using Sofia.MarketData.Internal;
using Sofia.Trading;

namespace Sofia.MarketData;

/// <summary>
/// <see cref="IMarketHistory"/> over the tick writer's ClickHouse schema (tables <c>ticks</c> and <c>candles_1m</c>).
/// Reads are exact even when a trade was stored twice: bars come from the one-minute aggregate except minutes that
/// counted a duplicate, which are recomputed from ticks de-duplicated by trade id; ticks are de-duplicated by trade id.
/// Long ranges are read in windows (a day of bars, an hour of ticks per query), so memory does not grow with the range.
/// Decimal prices and quantities become the trading core's doubles here.
/// </summary>
public sealed class ClickHouseMarketHistory(ClickHouseClient client) : IMarketHistory
{
    private const long MinuteUs = 60_000_000;
    private const long BarWindowUs = 1_440 * MinuteUs;
    private const long TickWindowUs = 60 * MinuteUs;

    // DateTime in ClickHouse ends in 2106 (UInt32 seconds), and 18.16 misreads literals near that end: ranges stop
    // at 2100-01-01.
    private const long LastUs = 4_102_444_800L * 1_000_000;

    /// <inheritdoc/>
    public async IAsyncEnumerable<Bar> ReadMinuteBarsAsync(string exchange, string symbol, long fromUs, long toUs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentException.ThrowIfNullOrEmpty(symbol);

        // Bars open on whole minutes: the first at or after fromUs, the last before toUs.
        var first = Math.Max(0, CeilingMinute(fromUs));
        var end = Math.Max(first, CeilingMinute(Math.Min(toUs, LastUs)));
        if (await StoredSpanAsync(exchange, symbol, first, end, cancellationToken) is not var (firstStored, lastStored))
        {
            yield break;
        }

        end = lastStored + MinuteUs;
        for (var windowStart = firstStored; windowStart < end; windowStart += BarWindowUs)
        {
            var windowEnd = Math.Min(end, windowStart + BarWindowUs);
            var bars = new List<Bar>();
            var dirty = new List<long>();
            var sql = MarketHistorySql.MinuteBars(exchange, symbol, ToDateTime(windowStart), ToDateTime(windowEnd));
            await foreach (var (bar, isDirty) in client.QueryAsync(sql, r => (ReadBar(r), r.ReadUInt8() != 0), cancellationToken: cancellationToken))
            {
                if (isDirty)
                {
                    dirty.Add(bar.OpenTimeUs / 1_000_000);
                }

                bars.Add(bar);
            }

            if (dirty.Count > 0)
            {
                var exact = new Dictionary<long, Bar>();
                await foreach (var bar in client.QueryAsync(MarketHistorySql.ExactMinuteBars(exchange, symbol, dirty), ReadBar, cancellationToken: cancellationToken))
                {
                    exact[bar.OpenTimeUs] = bar;
                }

                for (var i = 0; i < bars.Count; i++)
                {
                    if (exact.TryGetValue(bars[i].OpenTimeUs, out var replacement))
                    {
                        bars[i] = replacement;
                    }
                }
            }

            foreach (var bar in bars)
            {
                yield return bar;
            }
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<TradeTick> ReadTicksAsync(string exchange, string symbol, long fromUs, long toUs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        toUs = Math.Min(toUs, LastUs);
        fromUs = Math.Max(0, fromUs);
        var firstMinute = MarketHistorySql.FloorDiv(fromUs, MinuteUs) * MinuteUs;
        if (await StoredSpanAsync(exchange, symbol, firstMinute, toUs, cancellationToken) is not var (firstStored, lastStored))
        {
            yield break;
        }

        // Windows only over the minutes that hold trades, so a wide range costs no empty queries before or after them.
        toUs = Math.Min(toUs, lastStored + MinuteUs);
        for (var windowStart = Math.Max(fromUs, firstStored); windowStart < toUs; windowStart += TickWindowUs)
        {
            var windowEnd = Math.Min(toUs, windowStart + TickWindowUs);
            var sql = MarketHistorySql.Ticks(exchange, symbol, windowStart, windowEnd);
            await foreach (var tick in client.QueryAsync(sql, ReadTick, cancellationToken: cancellationToken))
            {
                yield return tick;
            }
        }
    }

    /// <summary>Open times (µs) of the first and last stored minute in [fromUs, toUs), or null when none is stored.</summary>
    private async Task<(long First, long Last)?> StoredSpanAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken)
    {
        if (fromUs >= toUs)
        {
            return null;
        }

        var sql = MarketHistorySql.StoredSpan(exchange, symbol, ToDateTime(fromUs), ToDateTime(CeilingMinute(toUs)));
        await foreach (var (first, last, count) in client.QueryAsync(sql, r => (r.ReadInt64(), r.ReadInt64(), r.ReadUInt64()), cancellationToken: cancellationToken))
        {
            return count == 0 ? null : (first * 1_000_000, last * 1_000_000);
        }

        return null;
    }

    private static Bar ReadBar(ClickHouseRowReader r) => new(
        r.ReadInt64() * 1_000_000,
        ReadPrice(r),
        ReadPrice(r),
        ReadPrice(r),
        ReadPrice(r),
        ReadPrice(r));

    private static TradeTick ReadTick(ClickHouseRowReader r) => new(r.ReadInt64(), ReadPrice(r), ReadPrice(r), r.ReadUInt8() == 1);

    // Trailing zeros first: decimal to double is not correctly rounded at scale 18 (67034.240…0 became 67034.23999999999),
    // and the embedded store, which converts the value as written, must read the same double.
    private static double ReadPrice(ClickHouseRowReader r) => (double)MarketTick.Normalize(r.ReadDecimal(MarketHistorySql.Precision, MarketHistorySql.Scale));

    private static long CeilingMinute(long us) => -MarketHistorySql.FloorDiv(-us, MinuteUs) * MinuteUs;

    private static DateTime ToDateTime(long us) => DateTime.UnixEpoch.AddTicks(us * 10);
}
