using Sofia.ClickHouse;

namespace Sofia.MarketData.Internal;

/// <summary>
/// The store's reads of the tick schema (infra/clickhouse), beside <see cref="MarketHistorySql"/>: candles rolled up from
/// the one-minute aggregate, with a dirty flag for buckets holding a minute that counted a duplicate; those buckets again
/// from ticks, one row per trade id; last prices and symbols from the aggregate (argMax and max are idempotent).
/// </summary>
internal static class MarketStoreSql
{
    public const string TicksTable = "ticks";

    public static readonly string[] TickColumns =
        ["exchange", "symbol", "trade_id", "price", "quantity", "side", "exchange_time_us", "receive_time_us", "time", "inserted_us"];

    /// <summary>bucket (epoch s), o, h, l, c, v, buy v, trades, dirty; minutes in [from, to).</summary>
    public static string Candles(string exchange, string symbol, int seconds, DateTime from, DateTime to) => ClickHouseSql.Format($"""
        SELECT toInt64(intDiv(toUInt32(minute), {seconds}) * {seconds}) AS bucket,
            argMin(o, minute), max(h), min(l), argMax(c, minute), sum(v), sum(bv), sum(n), max(n != u)
        FROM
        (
            SELECT minute, argMinMerge(open) AS o, maxMerge(high) AS h, minMerge(low) AS l, argMaxMerge(close) AS c,
                sumMerge(volume) AS v, sumMerge(buy_volume) AS bv, countMerge(trades) AS n, uniqExactMerge(trades_distinct) AS u
            FROM candles_1m
            WHERE exchange = {exchange} AND symbol = {symbol} AND minute >= {from} AND minute < {to}
            GROUP BY minute
        )
        GROUP BY bucket
        ORDER BY bucket
        """);

    /// <summary>The given buckets (epoch s, ascending) straight from ticks, one row per trade id: as <see cref="Candles"/> without dirty.</summary>
    public static string ExactCandles(string exchange, string symbol, int seconds, IReadOnlyList<long> buckets)
    {
        var from = DateTime.UnixEpoch.AddSeconds(buckets[0]);
        var to = DateTime.UnixEpoch.AddSeconds(buckets[^1] + seconds);
        return ClickHouseSql.Format($"""
            SELECT toInt64(intDiv(toUInt32(tm), {seconds}) * {seconds}) AS bucket,
                argMin(p, k), max(p), min(p), argMax(p, k), sum(q), sum(if(s = 1, q, toDecimal128(0, 18))), count()
            FROM
            (
                SELECT any(price) AS p, any(quantity) AS q, any(side) AS s, any(time) AS tm,
                    tuple(any(exchange_time_us), length(trade_id), trade_id) AS k
                FROM ticks
                WHERE exchange = {exchange} AND symbol = {symbol} AND time >= {from} AND time < {to}
                    AND intDiv(toUInt32(time), {seconds}) * {seconds} IN {buckets}
                GROUP BY trade_id
            )
            GROUP BY bucket
            """);
    }

    /// <summary>exchange, close of its last minute, last exchange time µs.</summary>
    public static string LastPrices(string symbol) => ClickHouseSql.Format($"""
        SELECT exchange, argMaxMerge(close), maxMerge(last_time_us)
        FROM candles_1m
        WHERE symbol = {symbol}
            AND (exchange, minute) IN (SELECT exchange, max(minute) FROM candles_1m WHERE symbol = {symbol} GROUP BY exchange)
        GROUP BY exchange
        ORDER BY exchange
        """);

    /// <summary>symbol, Array(String) of exchanges.</summary>
    public const string Symbols = "SELECT symbol, groupUniqArray(exchange) FROM candles_1m GROUP BY symbol ORDER BY symbol";
}
