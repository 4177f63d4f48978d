namespace Sofia.Messaging;

/// <summary>A key-value bucket (JetStream KV semantics: revisions, deletes, watches).</summary>
public interface IBusKeyValue
{
    /// <summary>The bucket name.</summary>
    string Bucket { get; }

    /// <summary>The current value, or null when the key is absent or deleted.</summary>
    ValueTask<BusKvEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a value; returns its revision.</summary>
    ValueTask<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>Deletes the key (a watch sees a delete entry).</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The keys that currently hold a value.</summary>
    IAsyncEnumerable<string> GetKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The current value of every key matching <paramref name="keyPattern"/> (<c>&gt;</c> for all), then every later
    /// change, until cancelled.
    /// </summary>
    IAsyncEnumerable<BusKvEntry> WatchAsync(string keyPattern, CancellationToken cancellationToken);
}
