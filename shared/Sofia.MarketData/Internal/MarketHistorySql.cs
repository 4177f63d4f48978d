using Sofia.ClickHouse;

namespace Sofia.MarketData.Internal;

/// <summary>
/// The exact reads of the tick schema (infra/clickhouse). The one-minute aggregate serves a minute whose row count
/// equals its distinct trade ids; any other minute received a duplicate, and it is computed again from ticks with
/// one row per trade id. Open and close follow (exchange time, trade id length, trade id), the schema's total order.
/// </summary>
internal static class MarketHistorySql
{
    public const int Precision = 38;
    public const int Scale = 18;

    /// <summary>Minutes from the aggregate: minute (epoch s), o, h, l, c, v, dirty (1 when duplicates were counted).</summary>
    public static string MinuteBars(string exchange, string symbol, DateTime from, DateTime to) => ClickHouseSql.Format($"""
        SELECT toInt64(toUInt32(minute)), argMinMerge(open), maxMerge(high), minMerge(low), argMaxMerge(close),
            sumMerge(volume), toUInt8(countMerge(trades) != uniqExactMerge(trades_distinct))
        FROM candles_1m
        WHERE exchange = {exchange} AND symbol = {symbol} AND minute >= {from} AND minute < {to}
        GROUP BY minute
        ORDER BY minute
        """);

    /// <summary>First and last stored minute (epoch s) in [from, to), and the count of minute rows (0: nothing stored).</summary>
    public static string StoredSpan(string exchange, string symbol, DateTime from, DateTime to) => ClickHouseSql.Format($"""
        SELECT toInt64(toUInt32(min(minute))), toInt64(toUInt32(max(minute))), count()
        FROM candles_1m
        WHERE exchange = {exchange} AND symbol = {symbol} AND minute >= {from} AND minute < {to}
        """);

    /// <summary>The given minutes (epoch s) straight from ticks, one row per trade id: minute, o, h, l, c, v.</summary>
    public static string ExactMinuteBars(string exchange, string symbol, IReadOnlyList<long> minutes)
    {
        var from = DateTime.UnixEpoch.AddSeconds(minutes[0]);
        var to = DateTime.UnixEpoch.AddSeconds(minutes[^1] + 60);
        return ClickHouseSql.Format($"""
            SELECT toInt64(intDiv(toUInt32(tm), 60) * 60) AS m, argMin(p, k), max(p), min(p), argMax(p, k), sum(q)
            FROM
            (
                SELECT any(price) AS p, any(quantity) AS q, any(time) AS tm,
                    tuple(any(exchange_time_us), length(trade_id), trade_id) AS k
                FROM ticks
                WHERE exchange = {exchange} AND symbol = {symbol} AND time >= {from} AND time < {to}
                    AND intDiv(toUInt32(time), 60) * 60 IN {minutes}
                GROUP BY trade_id
            )
            GROUP BY m
            ORDER BY m
            """);
    }

    /// <summary>Trades with exchange time in [fromUs, toUs), once each, in the schema's order: time µs, price, quantity, side.</summary>
    public static string Ticks(string exchange, string symbol, long fromUs, long toUs)
    {
        // The time column is the exchange time in whole seconds: it bounds the partitions read.
        var from = DateTime.UnixEpoch.AddSeconds(Math.Max(0, FloorDiv(fromUs, 1_000_000)));
        var to = DateTime.UnixEpoch.AddSeconds(Math.Max(0, FloorDiv(toUs - 1, 1_000_000) + 1));
        return ClickHouseSql.Format($"""
            SELECT t, p, q, s
            FROM
            (
                SELECT any(exchange_time_us) AS t, any(price) AS p, any(quantity) AS q, any(side) AS s, trade_id
                FROM ticks
                WHERE exchange = {exchange} AND symbol = {symbol} AND time >= {from} AND time < {to}
                GROUP BY trade_id
            )
            WHERE t >= {fromUs} AND t < {toUs}
            ORDER BY t, length(trade_id), trade_id
            """);
    }

    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
