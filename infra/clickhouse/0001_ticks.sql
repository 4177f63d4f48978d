-- One row per trade. The sorting key is the trade's identity, so a re-sent trade (a redelivery after a
-- crash between insert and ack, or a trade published twice) collapses to one row when parts merge.
-- Reads that must be exact de-duplicate by trade_id themselves (GROUP BY or FINAL), never trust count().
-- Prices and quantities are Decimal(38, 18): exact, comparable across ticks whatever scale the exchange
-- wrote (min/max/argMin need one scale), and wide enough for 20 integer and 18 fraction digits.
CREATE TABLE IF NOT EXISTS ticks
(
    exchange String,
    symbol String,
    trade_id String,
    price Decimal(38, 18),
    quantity Decimal(38, 18),
    -- Taker side: 1 buy, 2 sell (sofia.v1.Side).
    side UInt8,
    -- UTC epoch microseconds: the exchange's trade time and our receive time.
    exchange_time_us Int64,
    receive_time_us Int64,
    -- The trade time in whole seconds, for partitions and candle minutes.
    time DateTime,
    -- When the tick writer stored the row, UTC epoch microseconds (store lag = inserted_us - receive_time_us).
    inserted_us Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMMDD(time)
ORDER BY (exchange, symbol, trade_id);
