using Sofia.Nats.JetStream;

namespace Sofia.Nats.KeyValue;

/// <summary>A key-value bucket's settings.</summary>
public sealed record NatsKvConfig
{
    /// <summary>Creates a configuration for <paramref name="bucket"/>.</summary>
    public NatsKvConfig(string bucket) => Bucket = bucket;

    /// <summary>Bucket name (letters, digits, '-' and '_').</summary>
    public string Bucket { get; init; }

    /// <summary>Revisions kept per key (1–64).</summary>
    public int History { get; init; } = 1;

    /// <summary>How long a value lives; zero for ever.</summary>
    public TimeSpan MaxAge { get; init; }

    /// <summary>Bucket size limit; -1 for none.</summary>
    public long MaxBytes { get; init; } = -1;

    /// <summary>Largest value; -1 for no limit.</summary>
    public int MaxValueSize { get; init; } = -1;

    /// <summary>Storage.</summary>
    public StorageType Storage { get; init; } = StorageType.File;

    /// <summary>Description.</summary>
    public string? Description { get; init; }
}
