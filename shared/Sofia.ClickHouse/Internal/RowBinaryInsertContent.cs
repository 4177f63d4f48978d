using System.IO.Compression;
using System.Net;

namespace Sofia.ClickHouse.Internal;

/// <summary>
/// An insert body written while it is sent: rows go through a <see cref="ClickHouseBulkWriter"/> into a pooled
/// buffer that is flushed (through gzip when asked) every <see cref="FlushThreshold"/> bytes, so no batch is
/// ever held whole in memory. Sent chunked, as the length is not known in advance.
/// </summary>
internal sealed class RowBinaryInsertContent<TRow> : HttpContent
{
    public const int FlushThreshold = 64 * 1024;

    private readonly IEnumerable<TRow> _rows;
    private readonly ClickHouseRowWriter<TRow> _writeRow;
    private readonly bool _compress;

    public RowBinaryInsertContent(IEnumerable<TRow> rows, ClickHouseRowWriter<TRow> writeRow, bool compress)
    {
        _rows = rows;
        _writeRow = writeRow;
        _compress = compress;
        Headers.ContentType = new("application/octet-stream");
        if (compress)
        {
            Headers.ContentEncoding.Add("gzip");
        }
    }

    public long RowsWritten { get; private set; }

    /// <summary>Uncompressed body bytes.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>What the row writer threw, to be raised as it is rather than as a transport error.</summary>
    public Exception? WriterFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // A retried request serializes again from the first row.
        RowsWritten = 0;
        BytesWritten = 0;
        var writer = new ClickHouseBulkWriter(FlushThreshold * 2);
        var target = _compress ? new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true) : stream;
        try
        {
            foreach (var row in _rows)
            {
                try
                {
                    _writeRow(writer, row);
                }
                catch (Exception ex)
                {
                    WriterFailure = ex;
                    throw;
                }

                RowsWritten++;
                if (writer.Length >= FlushThreshold)
                {
                    await FlushAsync(writer, target, cancellationToken);
                }
            }

            await FlushAsync(writer, target, cancellationToken);
        }
        finally
        {
            if (_compress)
            {
                await target.DisposeAsync();
            }

            writer.Release();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private async ValueTask FlushAsync(ClickHouseBulkWriter writer, Stream target, CancellationToken cancellationToken)
    {
        if (writer.Length == 0)
        {
            return;
        }

        await target.WriteAsync(writer.WrittenMemory, cancellationToken);
        BytesWritten += writer.Length;
        writer.Clear();
    }
}
