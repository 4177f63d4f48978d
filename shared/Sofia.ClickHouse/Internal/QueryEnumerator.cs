using System.Runtime.ExceptionServices;

namespace Sofia.ClickHouse.Internal;

/// <summary>
/// Streams one query's rows. A row already in the buffer is returned synchronously without allocating;
/// only reading more of the response awaits.
/// </summary>
internal sealed class QueryEnumerator<T> : IAsyncEnumerator<T>
{
    private readonly ClickHouseClient _client;
    private readonly string _sql;
    private readonly ClickHouseRowMapper<T> _map;
    private readonly ClickHouseQueryOptions? _options;
    private readonly ClickHouseOperation _operation;
    private HttpResponseMessage? _response;
    private RowBinaryResponse? _rows;
    private bool _done;

    public QueryEnumerator(ClickHouseClient client, string sql, ClickHouseRowMapper<T> map, ClickHouseQueryOptions? options, ClickHouseOperation operation)
    {
        _client = client;
        _sql = sql;
        _map = map;
        _options = options;
        _operation = operation;
    }

    public T Current { get; private set; } = default!;

    public ValueTask<bool> MoveNextAsync()
    {
        if (_rows is { } rows && !_done)
        {
            try
            {
                if (rows.TryReadRow(_map, out var value) == RowStatus.Row)
                {
                    Current = value;
                    _operation.RowsRead++;
                    return new ValueTask<bool>(true);
                }
            }
            catch (Exception ex)
            {
                return FailAsync(ex);
            }
        }

        return MoveNextSlowAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (!_done)
        {
            // Stopped early: closing the connection ends the query at its next write.
            _done = true;
            Complete();
        }

        _rows?.Dispose();
        _response?.Dispose();
        _operation.Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<bool> MoveNextSlowAsync()
    {
        if (_done)
        {
            return false;
        }

        try
        {
            if (_rows is null)
            {
                using var request = _client.CreateQueryRequest(_operation, _sql, _options);
                _response = await _client.SendAsync(request, _operation);
                var stream = await _response.Content.ReadAsStreamAsync(_operation.Token);
                _rows = new RowBinaryResponse(stream, _operation.QueryId);
            }

            while (true)
            {
                switch (_rows.TryReadRow(_map, out var value))
                {
                    case RowStatus.Row:
                        Current = value;
                        _operation.RowsRead++;
                        return true;
                    case RowStatus.End:
                        _done = true;
                        Complete();
                        return false;
                    default:
                        await _rows.FillAsync(_operation.Token);
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            return await FailAsync(ex);
        }
    }

    private async ValueTask<bool> FailAsync(Exception exception)
    {
        _done = true;
        var failure = await _client.FailAsync(_operation, exception);
        ExceptionDispatchInfo.Throw(failure);
        return false;
    }

    private void Complete()
    {
        _operation.BytesRead = _rows?.BytesRead ?? 0;
        _client.Complete(_operation);
    }
}
