using Sofia.ClickHouse;
using Sofia.TickWriter.Domain;

namespace Sofia.TickWriter.Storage;

/// <summary>
/// Reads candles, last prices and symbols. Candles come from the one-minute aggregate, rolled up to the
/// interval; a bucket holding any minute whose row count differs from its distinct trade ids received a
/// duplicate (a redelivery or a trade published twice), and that bucket is computed again from ticks,
/// de-duplicated by trade id. So every candle is exact, and the fast path serves all the others.
/// </summary>
internal sealed class CandleStore(ClickHouseClient client)
{
    private const int Precision = 38;
    private const int Scale = 18;

    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(CandleQuery query, CancellationToken cancellationToken)
    {
        var seconds = query.Interval.Seconds;
        var candles = new List<Candle>();
        var dirty = new List<long>();
        var sql = ClickHouseSql.Format($"""
            SELECT toInt64(intDiv(toUInt32(minute), {seconds}) * {seconds}) AS bucket,
                argMin(o, minute), max(h), min(l), argMax(c, minute), sum(v), sum(bv), sum(n), max(n != u)
            FROM
            (
                SELECT minute, argMinMerge(open) AS o, maxMerge(high) AS h, minMerge(low) AS l, argMaxMerge(close) AS c,
                    sumMerge(volume) AS v, sumMerge(buy_volume) AS bv, countMerge(trades) AS n, uniqExactMerge(trades_distinct) AS u
                FROM candles_1m
                WHERE exchange = {query.Exchange} AND symbol = {query.Symbol}
                    AND minute >= {query.From.UtcDateTime} AND minute < {query.To.UtcDateTime}
                GROUP BY minute
            )
            GROUP BY bucket
            ORDER BY bucket
            """);
        await foreach (var (candle, isDirty) in client.QueryAsync(sql, r => (ReadCandle(r, seconds), r.ReadUInt8() != 0), cancellationToken: cancellationToken))
        {
            if (isDirty)
            {
                dirty.Add(candle.OpenTime.ToUnixTimeSeconds());
            }

            candles.Add(candle);
        }

        if (dirty.Count > 0)
        {
            var exact = await GetExactCandlesAsync(query, dirty, cancellationToken);
            for (var i = 0; i < candles.Count; i++)
            {
                if (exact.TryGetValue(candles[i].OpenTime, out var replacement))
                {
                    candles[i] = replacement;
                }
            }
        }

        return candles;
    }

    /// <summary>Candles of the given buckets straight from ticks, one row per trade id.</summary>
    public async Task<Dictionary<DateTimeOffset, Candle>> GetExactCandlesAsync(CandleQuery query, IReadOnlyList<long> buckets, CancellationToken cancellationToken)
    {
        var seconds = query.Interval.Seconds;
        var from = DateTime.UnixEpoch.AddSeconds(buckets.Min());
        var to = DateTime.UnixEpoch.AddSeconds(buckets.Max() + seconds);
        var sql = ClickHouseSql.Format($"""
            SELECT toInt64(intDiv(toUInt32(tm), {seconds}) * {seconds}) AS bucket,
                argMin(p, k), max(p), min(p), argMax(p, k), sum(q), sum(if(s = 1, q, toDecimal128(0, 18))), count()
            FROM
            (
                SELECT any(price) AS p, any(quantity) AS q, any(side) AS s, any(time) AS tm,
                    tuple(any(exchange_time_us), length(trade_id), trade_id) AS k
                FROM ticks
                WHERE exchange = {query.Exchange} AND symbol = {query.Symbol} AND time >= {from} AND time < {to}
                    AND intDiv(toUInt32(time), {seconds}) * {seconds} IN {buckets}
                GROUP BY trade_id
            )
            GROUP BY bucket
            """);
        var exact = new Dictionary<DateTimeOffset, Candle>();
        await foreach (var candle in client.QueryAsync(sql, r => ReadCandle(r, seconds), cancellationToken: cancellationToken))
        {
            exact[candle.OpenTime] = candle;
        }

        return exact;
    }

    /// <summary>The last trade's price and time on each exchange that trades <paramref name="symbol"/>.</summary>
    public async Task<IReadOnlyList<LastPrice>> GetLastPricesAsync(string symbol, CancellationToken cancellationToken)
    {
        // argMax and max are idempotent, so the aggregate answers exactly even with duplicates.
        var sql = ClickHouseSql.Format($"""
            SELECT exchange, argMaxMerge(close), maxMerge(last_time_us)
            FROM candles_1m
            WHERE symbol = {symbol}
                AND (exchange, minute) IN (SELECT exchange, max(minute) FROM candles_1m WHERE symbol = {symbol} GROUP BY exchange)
            GROUP BY exchange
            ORDER BY exchange
            """);
        var prices = new List<LastPrice>();
        await foreach (var price in client.QueryAsync(
            sql,
            r => new LastPrice(r.ReadString(), Normalize(r.ReadDecimal(Precision, Scale)), FromMicroseconds(r.ReadInt64())),
            cancellationToken: cancellationToken))
        {
            prices.Add(price);
        }

        return prices;
    }

    /// <summary>Every symbol stored, with the exchanges it trades on.</summary>
    public async Task<IReadOnlyList<SymbolListing>> GetSymbolsAsync(CancellationToken cancellationToken)
    {
        const string sql = "SELECT symbol, groupUniqArray(exchange) FROM candles_1m GROUP BY symbol ORDER BY symbol";
        var symbols = new List<SymbolListing>();
        await foreach (var (symbol, exchanges) in client.QueryAsync(sql, r => (r.ReadString(), ReadStrings(r)), cancellationToken: cancellationToken))
        {
            Array.Sort(exchanges, StringComparer.Ordinal);
            symbols.Add(new SymbolListing(symbol, exchanges));
        }

        return symbols;
    }

    /// <summary>Removes trailing zeros of the stored 18-place scale: 67250.100000000000000000 → 67250.1.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static Candle ReadCandle(ClickHouseRowReader r, int seconds)
    {
        var open = DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64());
        return new Candle(
            open,
            open.AddSeconds(seconds),
            Normalize(r.ReadDecimal(Precision, Scale)),
            Normalize(r.ReadDecimal(Precision, Scale)),
            Normalize(r.ReadDecimal(Precision, Scale)),
            Normalize(r.ReadDecimal(Precision, Scale)),
            Normalize(r.ReadDecimal(Precision, Scale)),
            Normalize(r.ReadDecimal(Precision, Scale)),
            (long)r.ReadUInt64());
    }

    // Array(String) in RowBinary: a varint count, then each string.
    private static string[] ReadStrings(ClickHouseRowReader r)
    {
        var count = ReadVarint(r);
        var items = new string[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = r.ReadString();
        }

        return items;
    }

    private static int ReadVarint(ClickHouseRowReader r)
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = r.ReadUInt8();
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        return value;
    }

    private static DateTimeOffset FromMicroseconds(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);
}
