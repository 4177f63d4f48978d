namespace Sofia.Nats.KeyValue;

/// <summary>What a key-value entry records.</summary>
public enum NatsKvOperation
{
    /// <summary>A value was put.</summary>
    Put,

    /// <summary>The key was deleted (history kept).</summary>
    Delete,

    /// <summary>The key was purged (history removed).</summary>
    Purge,
}
