namespace Sofia.ClickHouse.Internal;

/// <summary>A query that runs once per enumeration.</summary>
internal sealed class QueryEnumerable<T>(
    ClickHouseClient client,
    string sql,
    ClickHouseRowMapper<T> map,
    ClickHouseQueryOptions? options,
    CancellationToken queryToken) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new QueryEnumerator<T>(client, sql, map, options, client.StartOperation(ClickHouseOperation.QueryKind, options, queryToken, cancellationToken));
}
