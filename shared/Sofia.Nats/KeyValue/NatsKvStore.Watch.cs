using System.Runtime.CompilerServices;
using Sofia.Nats.JetStream;

namespace Sofia.Nats.KeyValue;

public sealed partial class NatsKvStore
{
    /// <summary>
    /// Yields the current entry of every matching key, then every change, until cancelled. It rides
    /// on an ordered consumer, so it resumes after reconnects without missing or repeating a revision.
    /// </summary>
    /// <param name="keys">Keys to watch; wildcards allowed (<c>&gt;</c> for all).</param>
    /// <param name="updatesOnly">Skip the current values and yield only later changes.</param>
    /// <param name="cancellationToken">Stops the watch.</param>
    public async IAsyncEnumerable<NatsKvEntry> WatchAsync(
        string keys = ">",
        bool updatesOnly = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        NatsSubject.EnsureSubscribeSubject(keys, nameof(keys));
        var ordered = _js.CreateOrderedConsumer(_stream, new NatsJsOrderedConsumerOptions
        {
            FilterSubject = _prefix + keys,
            DeliverPolicy = updatesOnly ? DeliverPolicy.New : DeliverPolicy.LastPerSubject,
            IdleHeartbeat = TimeSpan.FromSeconds(2),
            MaxMessages = 256,
        });
        await foreach (var msg in ordered.ConsumeAsync(cancellationToken))
        {
            yield return ToEntry(msg);
        }
    }
}
