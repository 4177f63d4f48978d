namespace Sofia.Nats.JetStream;

/// <summary>One pull request: how much and how long.</summary>
public sealed record NatsJsFetchOptions
{
    /// <summary>Messages at most.</summary>
    public int MaxMessages { get; init; } = 100;

    /// <summary>Bytes at most; null for no limit.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>How long the server keeps the request open.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Return at once with what is there (ending with status 404 when nothing is).</summary>
    public bool NoWait { get; init; }

    /// <summary>Server heartbeat while the request waits; null for none.</summary>
    public TimeSpan? IdleHeartbeat { get; init; }
}
