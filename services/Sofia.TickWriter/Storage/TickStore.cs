using Sofia.ClickHouse;
using Sofia.TickWriter.Domain;

namespace Sofia.TickWriter.Storage;

/// <summary>Writes batches of ticks into the <c>ticks</c> table as RowBinary.</summary>
internal sealed class TickStore(ClickHouseClient client, TimeProvider timeProvider)
{
    public const string Table = "ticks";

    private static readonly string[] Columns =
        ["exchange", "symbol", "trade_id", "price", "quantity", "side", "exchange_time_us", "receive_time_us", "time", "inserted_us"];

    public async Task InsertAsync(IReadOnlyList<TickRow> rows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var insertedUs = (timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        var options = new ClickHouseQueryOptions { Timeout = timeout };
        await client.InsertAsync(Table, Columns, rows, (writer, row) => Write(writer, row, insertedUs), options, cancellationToken);
    }

    private static void Write(ClickHouseBulkWriter writer, TickRow row, long insertedUs)
    {
        var data = row.Message.Data.Span;
        var tick = row.Fields;
        writer.WriteString(data[tick.Exchange]);
        writer.WriteString(data[tick.Symbol]);
        writer.WriteString(data[tick.TradeId]);
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
}
