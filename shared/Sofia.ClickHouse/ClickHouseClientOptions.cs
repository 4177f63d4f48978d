namespace Sofia.ClickHouse;

/// <summary>Where and how <see cref="ClickHouseClient"/> talks to ClickHouse over HTTP.</summary>
public sealed record ClickHouseClientOptions
{
    /// <summary>The HTTP interface's base URL; ClickHouse listens on port 8123 by default.</summary>
    public Uri BaseAddress { get; init; } = new("http://127.0.0.1:8123/");

    /// <summary>The database unqualified table names refer to; null for the server's default database.</summary>
    public string? Database { get; init; }

    /// <summary>The user (sent as <c>X-ClickHouse-User</c>); null for the server's <c>default</c> user.</summary>
    public string? User { get; init; }

    /// <summary>The password (sent as <c>X-ClickHouse-Key</c>, never in the URL).</summary>
    public string? Password { get; init; }

    /// <summary>Server settings sent with every request as URL parameters, e.g. <c>max_execution_time</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How long one operation may take, reading a streamed result included; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// for no limit. A timed-out query is killed on the server and raises <see cref="TimeoutException"/>.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long opening a TCP connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether insert bodies are gzip-compressed (<c>Content-Encoding: gzip</c>; every server version accepts it).</summary>
    public bool CompressRequests { get; init; } = true;

    /// <summary>Whether results come gzip-compressed (sends <c>enable_http_compression=1</c>); worth it over slow links only.</summary>
    public bool CompressResponses { get; init; }

    /// <summary>
    /// Whether a cancelled or timed-out operation also sends <c>KILL QUERY</c> for its query id. Closing the
    /// connection stops a query only when it next writes output, so a long aggregation would run on without it.
    /// </summary>
    public bool KillQueryOnCancel { get; init; } = true;

    /// <summary>
    /// How long an idle pooled connection is kept; below the server's <c>keep_alive_timeout</c> (3 s by default)
    /// so that a request never goes out on a connection the server is closing.
    /// </summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most connections open to the server at once.</summary>
    public int MaxConnections { get; init; } = 32;
}
