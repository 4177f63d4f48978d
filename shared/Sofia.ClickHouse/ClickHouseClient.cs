using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse;

/// <summary>
/// A ClickHouse client over the HTTP interface: streamed queries mapped row by row from RowBinary,
/// commands, and RowBinary batch inserts. One instance holds one pool of keep-alive connections and is
/// safe to share; make one per server and keep it for the life of the process.
/// </summary>
public sealed class ClickHouseClient : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);
    private static readonly HashSet<string> ReservedParameters = new(StringComparer.Ordinal)
    {
        "query", "database", "query_id", "default_format", "user", "password", "quota_key", "session_id",
        "session_timeout", "session_check", "enable_http_compression", "compress", "decompress",
    };

    private readonly ClickHouseClientOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly ClickHouseMetrics _metrics;

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

    private static SocketsHttpHandler CreateHandler(ClickHouseClientOptions options) => new()
    {
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectTimeout = options.ConnectTimeout,
        MaxConnectionsPerServer = options.MaxConnections,
        AutomaticDecompression = options.CompressResponses ? DecompressionMethods.GZip : DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    };

    private static void Validate(ClickHouseClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"ClickHouse:BaseAddress must be an absolute http(s) URL: '{options.BaseAddress}'.", nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"ClickHouse:Timeout must be positive or infinite: {options.Timeout}.", nameof(options));
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.PooledConnectionIdleTimeout < TimeSpan.Zero || options.MaxConnections < 1)
        {
            throw new ArgumentException("ClickHouse:ConnectTimeout, PooledConnectionIdleTimeout and MaxConnections must be positive.", nameof(options));
        }

        if (options.Database is { } database && string.IsNullOrWhiteSpace(database))
        {
            throw new ArgumentException("ClickHouse:Database must not be blank; leave it unset for the server's default.", nameof(options));
        }

        ValidateSettings(options.Settings, nameof(options));
    }

    private static void ValidateSettings(IReadOnlyDictionary<string, string>? settings, string parameterName)
    {
        if (settings is null)
        {
            return;
        }

        foreach (var (name, value) in settings)
        {
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || ReservedParameters.Contains(name))
            {
                throw new ArgumentException($"'{name}' is not a ClickHouse setting this client can send.", parameterName);
            }

            ArgumentNullException.ThrowIfNull(value, parameterName);
        }
    }

    private static ByteArrayContent SqlContent(string sql)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(sql));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        return content;
    }

    private static string InsertStatement(string table, IReadOnlyList<string> columns)
    {
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0
            ? ClickHouseSql.Identifier(table)
            : $"{ClickHouseSql.Identifier(table[..dot])}.{ClickHouseSql.Identifier(table[(dot + 1)..])}";
        var builder = new StringBuilder("INSERT INTO ").Append(name);
        if (columns.Count > 0)
        {
            builder.Append(" (");
            for (var i = 0; i < columns.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : ", ").Append(ClickHouseSql.Identifier(columns[i]));
            }

            builder.Append(')');
        }

        return builder.Append(" FORMAT RowBinary").ToString();
    }

    private HttpRequestMessage CreateRequest(
        ClickHouseOperation operation,
        ClickHouseQueryOptions? options,
        List<KeyValuePair<string, string>>? parameters,
        HttpContent content)
    {
        ValidateSettings(options?.Settings, nameof(options));
        var url = new StringBuilder("?query_id=").Append(Uri.EscapeDataString(operation.QueryId));
        if ((options?.Database ?? _options.Database) is { } database)
        {
            Append(url, "database", database);
        }

        foreach (var (name, value) in parameters ?? [])
        {
            Append(url, name, value);
        }

        foreach (var (name, value) in _options.Settings)
        {
            if (options?.Settings?.ContainsKey(name) != true)
            {
                Append(url, name, value);
            }
        }

        foreach (var (name, value) in options?.Settings ?? new Dictionary<string, string>())
        {
            Append(url, name, value);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url.ToString(), UriKind.Relative))
        {
            Content = content,
            Version = HttpVersion.Version11,
        };
        if (_options.User is { } user)
        {
            request.Headers.Add("X-ClickHouse-User", user);
            request.Headers.Add("X-ClickHouse-Key", _options.Password ?? string.Empty);
        }

        return request;

        static void Append(StringBuilder url, string name, string value) =>
            url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static async Task<ClickHouseException> ReadErrorAsync(HttpResponseMessage response, ClickHouseOperation operation)
    {
        var body = await ReadLimitedAsync(response, operation.Token);
        var headerCode = response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values)
            ? ClickHouseErrorText.ParseCodeHeader(values.FirstOrDefault())
            : null;
        if (ClickHouseErrorText.TryParse(body, out var code, out var name, out var message))
        {
            return new ClickHouseServerException(headerCode ?? code, name, message, operation.QueryId);
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return headerCode is { } only
            ? new ClickHouseServerException(only, null, text, operation.QueryId)
            : new ClickHouseException($"ClickHouse answered HTTP {(int)response.StatusCode}: {text}") { QueryId = operation.QueryId };
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return buffer[..length];
    }

    /// <summary>Reads a command's or insert's body to the end, keeping its tail to find an error written after a 200 status.</summary>
    private static async Task<long> DrainAsync(HttpResponseMessage response, ClickHouseOperation operation)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(operation.Token);
        var tail = new byte[MaxErrorBodyBytes];
        var length = 0;
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(tail.AsMemory(length), operation.Token)) > 0)
        {
            total += read;
            length += read;
            if (length == tail.Length)
            {
                // Keep the later half: an error text is the last thing in the body.
                Buffer.BlockCopy(tail, tail.Length / 2, tail, 0, tail.Length / 2);
                length = tail.Length / 2;
            }
        }

        if (length > 0 && ClickHouseErrorText.TryParse(tail.AsSpan(0, length), out var code, out var name, out var message))
        {
            throw new ClickHouseServerException(code, name, message, operation.QueryId);
        }

        return total;
    }

    private async Task KillQueryAsync(string queryId)
    {
        using var timeout = new CancellationTokenSource(KillTimeout);
        try
        {
            using var content = SqlContent($"KILL QUERY WHERE query_id = {ClickHouseSql.Literal(queryId)}");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("?", UriKind.Relative)) { Content = content };
            if (_options.User is { } user)
            {
                request.Headers.Add("X-ClickHouse-User", user);
                request.Headers.Add("X-ClickHouse-Key", _options.Password ?? string.Empty);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            response.EnsureSuccessStatusCode();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            ClickHouseLog.KillFailed(_logger, queryId, ex);
        }
    }
}
