using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse;

/// <summary>
/// A ClickHouse client over the HTTP interface: streamed queries mapped row by row from RowBinary,
/// commands, and RowBinary batch inserts. One instance holds one pool of keep-alive connections and is
/// safe to share; make one per server and keep it for the life of the process.
/// </summary>
public sealed partial class ClickHouseClient : IDisposable
{
    private readonly ClickHouseClientOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly ClickHouseMetrics _metrics;
    private volatile bool _disposed;

    /// <summary>Creates a client; no connection is made until the first operation.</summary>
    /// <param name="options">Where the server is and how to talk to it.</param>
    /// <param name="logger">Logs failures and cancellations; none when null.</param>
    /// <param name="meterFactory">Creates the <c>Sofia.ClickHouse</c> meter; a standalone meter when null.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public ClickHouseClient(ClickHouseClientOptions options, ILogger<ClickHouseClient>? logger = null, IMeterFactory? meterFactory = null)
        : this(options, CreateHandler(options), logger, meterFactory)
    {
    }

    internal ClickHouseClient(ClickHouseClientOptions options, HttpMessageHandler handler, ILogger? logger, IMeterFactory? meterFactory)
    {
        Validate(options);
        _options = options;
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = options.BaseAddress,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
        };
        _logger = logger ?? NullLogger.Instance;
        _metrics = new ClickHouseMetrics(meterFactory);
    }

    /// <summary>The options this client was created with.</summary>
    public ClickHouseClientOptions Options => _options;

    /// <summary>
    /// Runs a query and streams its rows, each turned into a <typeparamref name="T"/> by <paramref name="map"/>
    /// as it arrives; the result is never held whole. Do not add a <c>FORMAT</c> clause: rows come as RowBinary.
    /// Nothing is sent until enumeration starts. Stopping early closes the connection, which ends the query
    /// on the server at its next write.
    /// </summary>
    /// <param name="sql">The SELECT; bind values with <see cref="ClickHouseSql"/>.</param>
    /// <param name="map">Reads one row's columns in SELECT order; it must be free of side effects.</param>
    /// <param name="options">Per-query id, database, settings and time limit.</param>
    /// <param name="cancellationToken">Cancels the query; it is also killed on the server (see <see cref="ClickHouseClientOptions.KillQueryOnCancel"/>).</param>
    /// <exception cref="ClickHouseServerException">The server reported an error, before the rows or in the middle of them.</exception>
    /// <exception cref="ClickHouseException">The server could not be reached or the response broke off.</exception>
    /// <exception cref="TimeoutException">The query ran over its time limit.</exception>
    public IAsyncEnumerable<T> QueryAsync<T>(
        string sql,
        ClickHouseRowMapper<T> map,
        ClickHouseQueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(map);
        return new QueryEnumerable<T>(this, sql, map, options, cancellationToken);
    }

    /// <summary>Runs a statement that returns no rows (DDL, <c>INSERT … SELECT</c>, <c>OPTIMIZE</c>, …); any output is discarded.</summary>
    /// <param name="sql">The statement; one per call.</param>
    /// <param name="options">Per-operation id, database, settings and time limit.</param>
    /// <param name="cancellationToken">Cancels the statement; it is also killed on the server.</param>
    /// <exception cref="ClickHouseServerException">The server reported an error.</exception>
    /// <exception cref="ClickHouseException">The server could not be reached or the response broke off.</exception>
    /// <exception cref="TimeoutException">The statement ran over its time limit.</exception>
    public async Task ExecuteAsync(string sql, ClickHouseQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var operation = StartOperation(ClickHouseOperation.CommandKind, options, cancellationToken);
        try
        {
            using var request = CreateRequest(operation, options, parameters: null, SqlContent(sql));
            using var response = await SendAsync(request, operation);
            operation.BytesRead = await DrainAsync(response, operation);
            Complete(operation);
        }
        catch (Exception ex)
        {
            var failure = await FailAsync(operation, ex);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>
    /// Inserts rows in RowBinary, written by <paramref name="writeRow"/> while the request is being sent
    /// (gzip-compressed unless <see cref="ClickHouseClientOptions.CompressRequests"/> is off). ClickHouse
    /// commits each block of up to <c>max_insert_block_size</c> rows (1,048,576 by default) on its own, so a
    /// failed insert larger than that may have stored its first blocks.
    /// </summary>
    /// <typeparam name="TRow">The row type.</typeparam>
    /// <param name="table">The table, <c>name</c> or <c>database.name</c>; it is quoted here.</param>
    /// <param name="columns">The columns <paramref name="writeRow"/> writes, in order; empty for all columns in table order.</param>
    /// <param name="rows">The rows, enumerated once per attempt.</param>
    /// <param name="writeRow">Writes one row's columns in <paramref name="columns"/> order.</param>
    /// <param name="options">Per-operation id, database, settings and time limit.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    /// <returns>The number of rows sent.</returns>
    /// <exception cref="ClickHouseServerException">The server rejected the insert.</exception>
    /// <exception cref="ClickHouseException">The server could not be reached or the response broke off.</exception>
    /// <exception cref="TimeoutException">The insert ran over its time limit.</exception>
    public async Task<long> InsertAsync<TRow>(
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<TRow> rows,
        ClickHouseRowWriter<TRow> writeRow,
        ClickHouseQueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writeRow);
        if (rows is ICollection<TRow> { Count: 0 } or IReadOnlyCollection<TRow> { Count: 0 })
        {
            return 0;
        }

        var statement = InsertStatement(table, columns);
        using var operation = StartOperation(ClickHouseOperation.InsertKind, options, cancellationToken);
        using var content = new RowBinaryInsertContent<TRow>(rows, writeRow, _options.CompressRequests);
        try
        {
            using var request = CreateRequest(operation, options, [new("query", statement)], content);
            using var response = await SendAsync(request, operation);
            operation.RowsWritten = content.RowsWritten;
            operation.BytesWritten = content.BytesWritten;
            await DrainAsync(response, operation);
            Complete(operation);
            return content.RowsWritten;
        }
        catch (Exception ex)
        {
            var failure = await FailAsync(operation, content.WriterFailure ?? ex);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose()
    {
        _disposed = true;
        _http.Dispose();
        _metrics.Dispose();
    }

    internal ClickHouseOperation StartOperation(string kind, ClickHouseQueryOptions? options, CancellationToken callerToken, CancellationToken enumeratorToken = default)
    {
        var queryId = options?.QueryId ?? Guid.NewGuid().ToString();
        var operation = new ClickHouseOperation(kind, queryId, options?.Timeout ?? _options.Timeout, callerToken, enumeratorToken);
        _metrics.Started(kind);
        ClickHouseLog.OperationStarting(_logger, kind, queryId);
        return operation;
    }

    internal HttpRequestMessage CreateQueryRequest(ClickHouseOperation operation, string sql, ClickHouseQueryOptions? options)
    {
        List<KeyValuePair<string, string>> parameters = [new("default_format", "RowBinary")];
        if (_options.CompressResponses)
        {
            parameters.Add(new("enable_http_compression", "1"));
        }

        return CreateRequest(operation, options, parameters, SqlContent(sql));
    }

    /// <summary>Sends a request and returns the response once its headers are in, turning an error status into an exception.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, ClickHouseOperation operation)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, operation.Token);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ReadErrorAsync(response, operation);
        }
    }

    internal void Complete(ClickHouseOperation operation) =>
        _metrics.Completed(operation.Kind, operation.ElapsedSeconds, operation.RowsRead, operation.BytesRead, operation.RowsWritten, operation.BytesWritten);

    /// <summary>Records a failure and returns the exception to raise: the same one, or a translation of a cancellation or transport error.</summary>
    internal async Task<Exception> FailAsync(ClickHouseOperation operation, Exception exception)
    {
        switch (exception)
        {
            case OperationCanceledException when operation.IsCancelled:
                var byCaller = operation.CancelledByCaller;
                ClickHouseLog.Cancelled(_logger, operation.Kind, operation.QueryId, byCaller ? "by the caller" : "timed out");
                if (_options.KillQueryOnCancel)
                {
                    await KillQueryAsync(operation.QueryId);
                }

                if (byCaller)
                {
                    return new OperationCanceledException($"ClickHouse {operation.Kind} {operation.QueryId} was cancelled.", exception, operation.CallerToken);
                }

                _metrics.Failed(operation.Kind, 0);
                return new TimeoutException($"ClickHouse {operation.Kind} {operation.QueryId} ran over its time limit of {operation.Timeout}.", exception);
            case ClickHouseServerException server:
                _metrics.Failed(operation.Kind, server.Code);
                ClickHouseLog.ServerError(_logger, operation.Kind, operation.QueryId, server.Code, server.ServerMessage);
                return server;
            case ClickHouseException:
                _metrics.Failed(operation.Kind, 0);
                ClickHouseLog.OperationFailed(_logger, operation.Kind, operation.QueryId, exception);
                return exception;
            case HttpRequestException or IOException:
                _metrics.Failed(operation.Kind, 0);
                ClickHouseLog.OperationFailed(_logger, operation.Kind, operation.QueryId, exception);
                return new ClickHouseException($"ClickHouse at {_options.BaseAddress} failed: {exception.Message}", exception) { QueryId = operation.QueryId };
            default:
                _metrics.Failed(operation.Kind, 0);
                return exception;
        }
    }
}
