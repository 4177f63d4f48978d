namespace Sofia.Testing;

/// <summary>How <see cref="NatsServer"/> starts its nats-server.</summary>
public sealed record NatsServerOptions
{
    /// <summary>
    /// The nats-server binary; by default <c>SOFIA_NATS_SERVER</c>, then <c>/usr/sbin/nats-server</c>, then PATH.
    /// </summary>
    public string? BinaryPath { get; init; }

    /// <summary>How long a start may take before it fails with the server's output.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful stop may take before the server is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Extra command-line arguments, e.g. <c>["-D"]</c> for debug logs.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
