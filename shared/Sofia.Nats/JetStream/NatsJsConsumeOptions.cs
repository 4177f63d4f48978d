namespace Sofia.Nats.JetStream;

/// <summary>How a continuous consume keeps pull requests topped up.</summary>
public sealed record NatsJsConsumeOptions
{
    /// <summary>Messages requested at a time (and buffered at most).</summary>
    public int MaxMessages { get; init; } = 500;

    /// <summary>Bytes per pull request at most; null for no limit.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>A new pull is issued when fewer than this many requested messages are outstanding; default half of <see cref="MaxMessages"/>.</summary>
    public int? ThresholdMessages { get; init; }

    /// <summary>Lifetime of each pull request.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Server heartbeat while a request waits; two missed heartbeats re-issue the pulls.</summary>
    public TimeSpan IdleHeartbeat { get; init; } = TimeSpan.FromSeconds(5);
}
