namespace Sofia.Testing;

/// <summary>How <see cref="NatsCluster"/> starts its nats-server nodes.</summary>
public sealed record NatsClusterOptions
{
    /// <summary>Whether every node runs JetStream (<c>-js</c>, a store per node); the cluster then counts as up once it has a meta leader.</summary>
    public bool JetStream { get; init; } = true;

    /// <summary>
    /// The nats-server binary; by default <c>SOFIA_NATS_SERVER</c>, then <c>/usr/sbin/nats-server</c>, then PATH.
    /// </summary>
    public string? BinaryPath { get; init; }

    /// <summary>
    /// How long a start may take: the whole cluster's first start (routes and, with JetStream, a meta leader)
    /// or one node's restart (its routes back and, with every node up, the cluster healthy again).
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a node's graceful stop may take before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Extra command-line arguments for every node, e.g. <c>["-D"]</c> for debug logs.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
