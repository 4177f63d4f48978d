using System.Runtime.CompilerServices;
using Sofia.Nats.KeyValue;

namespace Sofia.Messaging.NatsBus;

/// <summary>A JetStream key-value bucket as an <see cref="IBusKeyValue"/>.</summary>
internal sealed class NatsBusKeyValue(NatsKvStore store) : IBusKeyValue
{
    public string Bucket => store.Bucket;

    public async ValueTask<BusKvEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(key, cancellationToken);
        return entry is null ? null : ToEntry(entry);
    }

    public async ValueTask<ulong> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        await store.PutAsync(key, value, cancellationToken);

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) =>
        await store.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<string> GetKeysAsync(CancellationToken cancellationToken) => store.GetKeysAsync(cancellationToken);

    public async IAsyncEnumerable<BusKvEntry> WatchAsync(string keyPattern, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in store.WatchAsync(keyPattern, cancellationToken: cancellationToken))
        {
            yield return ToEntry(entry);
        }
    }

    private static BusKvEntry ToEntry(NatsKvEntry entry) =>
        new(entry.Key, entry.Value, entry.Revision, entry.Operation != NatsKvOperation.Put);
}
