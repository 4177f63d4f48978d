using System.Diagnostics.Metrics;

namespace Sofia.ClickHouse.Internal;

/// <summary>The client's instruments on the <c>Sofia.ClickHouse</c> meter; every one is tagged with the operation kind.</summary>
internal sealed class ClickHouseMetrics : IDisposable
{
    public const string MeterName = "Sofia.ClickHouse";

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _operations;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rowsRead;
    private readonly Counter<long> _rowsWritten;
    private readonly Counter<long> _bytesRead;
    private readonly Counter<long> _bytesWritten;
    private readonly Histogram<double> _duration;

    public ClickHouseMetrics(IMeterFactory? meterFactory)
    {
        Meter meter;
        if (meterFactory is null)
        {
            meter = new Meter(MeterName);
            _ownedMeter = meter;
        }
        else
        {
            meter = meterFactory.Create(MeterName);
        }

        _operations = meter.CreateCounter<long>("sofia.clickhouse.queries", "{query}", "Queries, commands and inserts sent.");
        _errors = meter.CreateCounter<long>("sofia.clickhouse.errors", "{error}", "Operations that failed, by kind and server error code (0 when not a server error).");
        _rowsRead = meter.CreateCounter<long>("sofia.clickhouse.rows_read", "{row}", "Result rows mapped.");
        _rowsWritten = meter.CreateCounter<long>("sofia.clickhouse.rows_written", "{row}", "Rows sent by inserts.");
        _bytesRead = meter.CreateCounter<long>("sofia.clickhouse.bytes_read", "By", "Result bytes received (after HTTP decompression).");
        _bytesWritten = meter.CreateCounter<long>("sofia.clickhouse.bytes_written", "By", "Insert bytes sent (before compression).");
        _duration = meter.CreateHistogram<double>("sofia.clickhouse.query.duration", "s", "Operation time, until the last row is read.");
    }

    public void Started(string kind) => _operations.Add(1, Kind(kind));

    public void Completed(string kind, double seconds, long rowsRead, long bytesRead, long rowsWritten, long bytesWritten)
    {
        var tag = Kind(kind);
        _duration.Record(seconds, tag);
        if (rowsRead > 0)
        {
            _rowsRead.Add(rowsRead, tag);
        }

        if (bytesRead > 0)
        {
            _bytesRead.Add(bytesRead, tag);
        }

        if (rowsWritten > 0)
        {
            _rowsWritten.Add(rowsWritten, tag);
        }

        if (bytesWritten > 0)
        {
            _bytesWritten.Add(bytesWritten, tag);
        }
    }

    public void Failed(string kind, int code) =>
        _errors.Add(1, Kind(kind), new KeyValuePair<string, object?>("code", code));

    public void Dispose() => _ownedMeter?.Dispose();

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);
}
