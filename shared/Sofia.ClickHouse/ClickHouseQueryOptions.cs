namespace Sofia.ClickHouse;

/// <summary>Per-operation overrides of <see cref="ClickHouseClientOptions"/>.</summary>
public sealed record ClickHouseQueryOptions
{
    /// <summary>The query id (<c>query_id</c>), visible in <c>system.processes</c> and <c>system.query_log</c>; a new GUID when null.</summary>
    public string? QueryId { get; init; }

    /// <summary>The database for this operation; the client's when null.</summary>
    public string? Database { get; init; }

    /// <summary>Server settings for this operation, sent as URL parameters; they override the client's settings of the same name.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>This operation's time limit; the client's when null.</summary>
    public TimeSpan? Timeout { get; init; }
}
