namespace Sofia.ClickHouse.Internal;

/// <summary>A query that runs once per enumeration.</summary>
internal sealed class QueryEnumerable<T>(
    ClickHouseClient client,
    string sql,
    ClickHouseRowMapper<T> map,
    ClickHouseQueryOptions? options,
    CancellationToken cancellationToken) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken1 = default) =>
        new QueryEnumerator<T>(client, sql, map, options, client.StartOperation(ClickHouseOperation.QueryKind, options, cancellationToken, cancellationToken1));
}
