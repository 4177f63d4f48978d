namespace Sofia.Testing;

/// <summary>How <see cref="ClickHouseServer"/> starts its clickhouse-server.</summary>
public sealed record ClickHouseServerOptions
{
    /// <summary>
    /// The clickhouse-server binary; by default <c>SOFIA_CLICKHOUSE_SERVER</c>, then
    /// <c>/usr/sbin/clickhouse-server</c>, then PATH.
    /// </summary>
    public string? BinaryPath { get; init; }

    /// <summary>How long a start may take before it fails with the server's logs.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a graceful stop may take before the server is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
