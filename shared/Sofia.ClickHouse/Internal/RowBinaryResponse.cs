using System.Buffers;

namespace Sofia.ClickHouse.Internal;

/// <summary>
/// Reads a RowBinary response body incrementally through one pooled buffer that holds at least the row
/// being mapped, and recognises the error text ClickHouse appends to a 200 response when a query fails
/// after its first rows were sent.
/// </summary>
internal sealed class RowBinaryResponse : IDisposable
{
    public const int MaxRowBytes = 64 * 1024 * 1024;
    private const int InitialBufferSize = 64 * 1024;
    private const int MaxErrorBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly string? _queryId;
    private readonly ClickHouseRowReader _reader = new();
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private int _errorProbeDoneAt = -1;
    private IOException? _transportError;

    public RowBinaryResponse(Stream stream, string? queryId, int initialBufferSize = InitialBufferSize)
    {
        _stream = stream;
        _queryId = queryId;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
    }

    /// <summary>Body bytes received so far (after any HTTP decompression).</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Maps the next row if the buffer holds all of it: <see cref="RowStatus.Row"/> with the value,
    /// <see cref="RowStatus.NeedMoreData"/> (call <see cref="FillAsync"/>), or <see cref="RowStatus.End"/>.
    /// </summary>
    /// <exception cref="ClickHouseServerException">The server reported an error in the body.</exception>
    /// <exception cref="ClickHouseException">The body ended inside a row or the connection failed.</exception>
    public RowStatus TryReadRow<T>(ClickHouseRowMapper<T> map, out T value)
    {
        value = default!;
        var available = _end - _start;
        if (available == 0)
        {
            if (!_endOfStream)
            {
                return RowStatus.NeedMoreData;
            }

            return _transportError is null
                ? RowStatus.End
                : throw new ClickHouseException("The connection closed before the end of the response.", _transportError) { QueryId = _queryId };
        }

        if (!_endOfStream && available < ClickHouseErrorText.ProbeLength)
        {
            return RowStatus.NeedMoreData;
        }

        if (_errorProbeDoneAt != _start && ClickHouseErrorText.StartsLikeError(_buffer.AsSpan(_start, available)))
        {
            // Only an error text that runs to the end of the body is an error; a row may start with these bytes.
            if (!_endOfStream)
            {
                if (available <= MaxErrorBytes)
                {
                    return RowStatus.NeedMoreData;
                }
            }
            else
            {
                ThrowIfServerError(_buffer.AsSpan(_start, available), null);
            }

            _errorProbeDoneAt = _start;
        }

        _reader.Reset(_buffer, _start, _end);
        try
        {
            value = map(_reader);
        }
        catch (Exception ex) when (_reader.IsStarved && ex is not OutOfMemoryException)
        {
            // The mapper saw the defaults of a row cut by the buffer's end; it runs again with the whole row.
            if (_endOfStream)
            {
                throw Truncated(ex);
            }
        }

        if (_reader.IsStarved)
        {
            return _endOfStream ? throw Truncated(null) : RowStatus.NeedMoreData;
        }

        if (_reader.Position == _start)
        {
            throw new InvalidOperationException("The row mapper read no column; it must read every column of the row.");
        }

        _start = _reader.Position;
        return RowStatus.Row;
    }

    /// <summary>Reads more of the body, keeping the unread bytes; grows the buffer when one row fills it.</summary>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfStream)
        {
            return;
        }

        if (_start > 0 && _buffer.Length - _end < _buffer.Length / 4)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _errorProbeDoneAt = _errorProbeDoneAt == _start ? 0 : -1;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Grow();
        }

        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            _transportError = ex;
            _endOfStream = true;
            return;
        }

        if (read == 0)
        {
            _endOfStream = true;
            return;
        }

        _end += read;
        BytesRead += read;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _stream.Dispose();
    }

    private void Grow()
    {
        if (_buffer.Length >= MaxRowBytes)
        {
            throw new ClickHouseException(
                $"A row exceeds {MaxRowBytes} bytes: is the mapper reading the columns with their types?")
            { QueryId = _queryId };
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxRowBytes));
        Buffer.BlockCopy(_buffer, _start, larger, 0, _end - _start);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        _end -= _start;
        _errorProbeDoneAt = _errorProbeDoneAt == _start ? 0 : -1;
        _start = 0;
    }

    private ClickHouseException Truncated(Exception? mapperError)
    {
        var tail = _buffer.AsSpan(_start, _end - _start);
        ThrowIfServerError(tail, mapperError);
        return new ClickHouseException(
            _transportError is null
                ? $"The response ended inside a row ({tail.Length} bytes left): is the mapper reading each column with its type?"
                : "The connection closed inside a row.",
            _transportError ?? mapperError)
        { QueryId = _queryId };
    }

    private void ThrowIfServerError(ReadOnlySpan<byte> text, Exception? inner)
    {
        if (ClickHouseErrorText.TryParse(text, out var code, out var name, out var message))
        {
            throw new ClickHouseServerException(code, name, message, _queryId, inner);
        }
    }
}
