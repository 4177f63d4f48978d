using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse;

/// <summary>The HTTP side: handler, option checks, requests, error bodies and KILL QUERY.</summary>
public sealed partial class ClickHouseClient
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);
    private static readonly HashSet<string> ReservedParameters = new(StringComparer.Ordinal)
    {
        "query", "database", "query_id", "default_format", "user", "password", "quota_key", "session_id",
        "session_timeout", "session_check", "enable_http_compression", "compress", "decompress",
    };

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

    /// <summary>Best effort: a kill that cannot be sent or fails is logged, never thrown over the operation's own error.</summary>
    private async Task KillQueryAsync(string queryId)
    {
        if (_disposed)
        {
            ClickHouseLog.KillSkipped(_logger, queryId);
            return;
        }

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
        catch (ObjectDisposedException) when (_disposed)
        {
            // Disposed between the check above and the send.
            ClickHouseLog.KillSkipped(_logger, queryId);
        }
        catch (Exception ex)
        {
            ClickHouseLog.KillFailed(_logger, queryId, ex);
        }
    }
}
