-- One-minute candles, filled by a materialized view from every block inserted into ticks.
-- The view also sees re-inserted duplicates. open, high, low, close and last_time_us are idempotent
-- (argMin/argMax/min/max of the same trade give the same answer), but volume, buy_volume and trades are
-- not: a duplicate adds to them. trades_distinct (distinct 64-bit hashes of trade_id) is idempotent and
-- never exceeds the distinct trades, so a minute with trades = trades_distinct holds no duplicate and its
-- sums are exact; a minute where they differ (a duplicate, or a harmless hash collision) is recomputed
-- from ticks, de-duplicated by trade_id, when it is read (see the tick writer's README).
-- Open and close are ordered by (exchange time, trade id length, trade id): a total order, numeric ids
-- in their numeric order, so trades in the same microsecond give one answer however parts merge.
CREATE TABLE IF NOT EXISTS candles_1m
(
    exchange String,
    symbol String,
    minute DateTime,
    open AggregateFunction(argMin, Decimal(38, 18), Tuple(Int64, UInt64, String)),
    high AggregateFunction(max, Decimal(38, 18)),
    low AggregateFunction(min, Decimal(38, 18)),
    close AggregateFunction(argMax, Decimal(38, 18), Tuple(Int64, UInt64, String)),
    volume AggregateFunction(sum, Decimal(38, 18)),
    buy_volume AggregateFunction(sum, Decimal(38, 18)),
    trades AggregateFunction(count),
    trades_distinct AggregateFunction(uniqExact, UInt64),
    last_time_us AggregateFunction(max, Int64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (exchange, symbol, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS candles_1m_mv TO candles_1m AS
SELECT
    exchange,
    symbol,
    toStartOfMinute(time) AS minute,
    argMinState(price, tuple(exchange_time_us, length(trade_id), trade_id)) AS open,
    maxState(price) AS high,
    minState(price) AS low,
    argMaxState(price, tuple(exchange_time_us, length(trade_id), trade_id)) AS close,
    sumState(quantity) AS volume,
    sumState(if(side = 1, quantity, toDecimal128(0, 18))) AS buy_volume,
    countState() AS trades,
    uniqExactState(cityHash64(trade_id)) AS trades_distinct,
    maxState(exchange_time_us) AS last_time_us
FROM ticks
GROUP BY exchange, symbol, minute;
