using Microsoft.Extensions.Logging;
using Sofia.ClickHouse;
using Sofia.MarketData.Internal;
using Sofia.Trading;

namespace Sofia.MarketData;

/// <summary>
/// <see cref="IMarketStore"/> on the tick schema (infra/clickhouse): ticks inserted as RowBinary into the
/// ReplacingMergeTree <c>ticks</c>, whose materialized view fills the one-minute aggregate <c>candles_1m</c>.
/// Candles come from that aggregate rolled up to the interval; a bucket holding a minute whose row count differs from
/// its distinct trade ids received a duplicate, and only that bucket is computed again from ticks de-duplicated by trade
/// id, so every candle is exact and the fast path serves all the others. Reads of <see cref="IMarketHistory"/> are
/// those of <see cref="ClickHouseMarketHistory"/> on the same client.
/// </summary>
public sealed class ClickHouseMarketStore : IMarketStore
{
    private const int Precision = 38;

    private readonly ClickHouseClient _client;
    private readonly ClickHouseMarketHistory _history;
    private readonly string? _migrationsDirectory;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>A store on <paramref name="client"/>'s database.</summary>
    /// <param name="client">The client; its database is where the schema and the data live.</param>
    /// <param name="migrationsDirectory">The versioned .sql files <see cref="InitializeAsync"/> applies; null applies none.</param>
    /// <param name="timeProvider">The clock of the <c>inserted_us</c> column.</param>
    /// <param name="loggerFactory">Logs of the migrator.</param>
    public ClickHouseMarketStore(ClickHouseClient client, string? migrationsDirectory = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _history = new ClickHouseMarketHistory(client);
        _migrationsDirectory = migrationsDirectory;
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Migrations applied by the last <see cref="InitializeAsync"/> (empty when the schema was current).</summary>
    public IReadOnlyList<string> LastApplied { get; private set; } = [];

    /// <inheritdoc/>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        if (_migrationsDirectory is null)
        {
            return;
        }

        var database = _client.Options.Database ?? "default";
        var migrator = new ClickHouseMigrator(_client, database, _loggerFactory?.CreateLogger<ClickHouseMigrator>(), _time);
        LastApplied = await migrator.ApplyAsync(_migrationsDirectory, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask InsertAsync(IReadOnlyList<MarketTick> ticks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var insertedUs = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        await _client.InsertAsync(
            MarketStoreSql.TicksTable,
            MarketStoreSql.TickColumns,
            ticks,
            (writer, tick) => WriteTick(writer, tick, insertedUs),
            cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Candle>> ReadCandlesAsync(
        string exchange,
        string symbol,
        CandleInterval interval,
        DateTimeOffset fromTime,
        DateTimeOffset toTime,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentNullException.ThrowIfNull(interval);
        var seconds = interval.Seconds;

        // A candle opening at or after from (and before to) holds the minutes from its open time to the next bucket.
        var first = interval.FirstOpenAtOrAfter(fromTime);
        var end = interval.FirstOpenAtOrAfter(toTime);
        var candles = new List<Candle>();
        if (end <= first)
        {
            return candles;
        }

        var dirty = new List<long>();
        var sql = MarketStoreSql.Candles(exchange, symbol, seconds, DateTime.UnixEpoch.AddSeconds(first), DateTime.UnixEpoch.AddSeconds(end));
        await foreach (var (candle, isDirty) in _client.QueryAsync(sql, r => (ReadCandle(r, seconds), r.ReadUInt8() != 0), cancellationToken: cancellationToken))
        {
            if (isDirty)
            {
                dirty.Add(candle.OpenTime.ToUnixTimeSeconds());
            }

            candles.Add(candle);
        }

        if (dirty.Count > 0)
        {
            var exact = new Dictionary<DateTimeOffset, Candle>();
            var exactSql = MarketStoreSql.ExactCandles(exchange, symbol, seconds, dirty);
            await foreach (var candle in _client.QueryAsync(exactSql, r => ReadCandle(r, seconds), cancellationToken: cancellationToken))
            {
                exact[candle.OpenTime] = candle;
            }

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

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LastPrice>> ReadLastPricesAsync(string symbol, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var prices = new List<LastPrice>();
        await foreach (var price in _client.QueryAsync(
            MarketStoreSql.LastPrices(symbol),
            r => new LastPrice(r.ReadString(), ReadDecimal(r), DateTimeOffset.UnixEpoch.AddTicks(r.ReadInt64() * 10)),
            cancellationToken: cancellationToken))
        {
            prices.Add(price);
        }

        return prices;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SymbolListing>> ReadSymbolsAsync(CancellationToken cancellationToken)
    {
        var symbols = new List<SymbolListing>();
        await foreach (var (symbol, exchanges) in _client.QueryAsync(MarketStoreSql.Symbols, r => (r.ReadString(), ReadStrings(r)), cancellationToken: cancellationToken))
        {
            Array.Sort(exchanges, StringComparer.Ordinal);
            symbols.Add(new SymbolListing(symbol, exchanges));
        }

        return symbols;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<Bar> ReadMinuteBarsAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken) =>
        _history.ReadMinuteBarsAsync(exchange, symbol, fromUs, toUs, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<TradeTick> ReadTicksAsync(string exchange, string symbol, long fromUs, long toUs, CancellationToken cancellationToken) =>
        _history.ReadTicksAsync(exchange, symbol, fromUs, toUs, cancellationToken);

    private static void WriteTick(ClickHouseBulkWriter writer, MarketTick tick, long insertedUs)
    {
        writer.WriteString(tick.Exchange.Span);
        writer.WriteString(tick.Symbol.Span);
        writer.WriteString(tick.TradeId.Span);
        WriteDecimal128(writer, tick.Price);
        WriteDecimal128(writer, tick.Quantity);
        writer.WriteUInt8(tick.Side);
        writer.WriteInt64(tick.ExchangeTimeUs);
        writer.WriteInt64(tick.ReceiveTimeUs);
        writer.WriteUInt32((uint)(tick.ExchangeTimeUs / 1_000_000));
        writer.WriteInt64(insertedUs);
    }

    // Decimal(38, s) travels as a little-endian Int128 of the scaled value: low half first.
    private static void WriteDecimal128(ClickHouseBulkWriter writer, Int128 scaled)
    {
        writer.WriteUInt64((ulong)scaled);
        writer.WriteUInt64((ulong)(scaled >> 64));
    }

    private static decimal ReadDecimal(ClickHouseRowReader r) => MarketTick.Normalize(r.ReadDecimal(Precision, MarketTick.Scale));

    private static Candle ReadCandle(ClickHouseRowReader r, int seconds)
    {
        var open = DateTimeOffset.FromUnixTimeSeconds(r.ReadInt64());
        return new Candle(open, open.AddSeconds(seconds), ReadDecimal(r), ReadDecimal(r), ReadDecimal(r), ReadDecimal(r), ReadDecimal(r), ReadDecimal(r), (long)r.ReadUInt64());
    }

    // Array(String) in RowBinary: a varint count, then each string.
    private static string[] ReadStrings(ClickHouseRowReader r)
    {
        var count = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = r.ReadUInt8();
            count |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        var items = new string[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = r.ReadString();
        }

        return items;
    }
}
