using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Sofia.Nats;

namespace Sofia.Messaging.InProcess;

/// <summary>
/// An in-process bucket with JetStream KV semantics: bucket-wide revisions, delete markers kept as the key's latest
/// entry, and watches that see the latest entry of each matching key (markers included) in revision order, then changes.
/// </summary>
internal sealed class InProcessKeyValue(string bucket) : IBusKeyValue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BusKvEntry> _latest = new(StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    private ulong _revision;

    public string Bucket => bucket;

    public ValueTask<BusKvEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        lock (_gate)
        {
            return new(_latest.TryGetValue(key, out var entry) && !entry.Deleted ? entry : null);
        }
    }

    public ValueTask<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        return new(Write(key, value.ToArray(), deleted: false));
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        Write(key, ReadOnlyMemory<byte>.Empty, deleted: true);
        return default;
    }

    public async IAsyncEnumerable<string> GetKeysAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<BusKvEntry> live;
        lock (_gate)
        {
            live = [.. _latest.Values.Where(e => !e.Deleted).OrderBy(e => e.Revision)];
        }

        foreach (var entry in live)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry.Key;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<BusKvEntry> WatchAsync(string keyPattern, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!NatsSubject.IsValidSubscribeSubject(keyPattern))
        {
            throw new ArgumentException($"'{keyPattern}' is not a valid key pattern.", nameof(keyPattern));
        }

        // Control-plane traffic is a trickle, and a put must never wait for a slow watcher: unbounded on purpose.
        var watcher = new Watcher(keyPattern, Channel.CreateUnbounded<BusKvEntry>(new UnboundedChannelOptions { SingleReader = true }));
        lock (_gate)
        {
            foreach (var entry in _latest.Values.Where(e => NatsSubject.Matches(keyPattern, e.Key)).OrderBy(e => e.Revision))
            {
                watcher.Entries.Writer.TryWrite(entry);
            }

            _watchers.Add(watcher);
        }

        try
        {
            await foreach (var entry in watcher.Entries.Reader.ReadAllAsync(cancellationToken))
            {
                yield return entry;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private ulong Write(string key, ReadOnlyMemory<byte> value, bool deleted)
    {
        lock (_gate)
        {
            var entry = new BusKvEntry(key, value, ++_revision, deleted);
            _latest[key] = entry;
            foreach (var watcher in _watchers)
            {
                if (NatsSubject.Matches(watcher.Pattern, key))
                {
                    watcher.Entries.Writer.TryWrite(entry);
                }
            }

            return entry.Revision;
        }
    }

    private static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.StartsWith('.') || key.EndsWith('.') || !NatsSubject.IsValidPublishSubject(key))
        {
            throw new ArgumentException($"'{key}' is not a valid key.", nameof(key));
        }
    }

    private sealed record Watcher(string Pattern, Channel<BusKvEntry> Entries);
}
