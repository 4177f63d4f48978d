using System.Runtime.CompilerServices;
using Sofia.Messaging.Internal;
using Sofia.Messaging.NatsBus;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Messaging;

public sealed partial class NatsMessageBus
{
    /// <inheritdoc />
    public async IAsyncEnumerable<IBusMessage> ReadStreamAsync(
        string stream,
        string? filterSubject,
        ulong fromSequence,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var from = Math.Max(1, fromSequence);
        var js = await JetStreamAsync(cancellationToken);
        var info = await js.GetStreamAsync(stream, cancellationToken);
        var last = info.State.LastSeq;
        if (info.State.Messages == 0 || from > last)
        {
            yield break;
        }

        if (info.Config.Retention == RetentionPolicy.WorkQueue)
        {
            for (var sequence = Math.Max(from, info.State.FirstSeq); sequence <= last; sequence++)
            {
                var stored = await NatsMessageGetter.GetAsync(js, stream, sequence, cancellationToken);
                if (stored is not null && (filterSubject is null || NatsSubject.Matches(filterSubject, stored.Subject)))
                {
                    yield return stored;
                }
            }

            yield break;
        }

        if (await CountFromAsync(js, stream, filterSubject, from, cancellationToken) == 0)
        {
            yield break;
        }

        var ordered = js.CreateOrderedConsumer(stream, new NatsJsOrderedConsumerOptions
        {
            FilterSubject = filterSubject,
            DeliverPolicy = DeliverPolicy.ByStartSequence,
            OptStartSeq = from,
            IdleHeartbeat = TimeSpan.FromSeconds(2),
        });
        await foreach (var msg in ordered.ConsumeAsync(cancellationToken))
        {
            var metadata = msg.Metadata;
            if (metadata.StreamSequence > last)
            {
                yield break;
            }

            yield return new NatsBusMessage(msg, replay: true);

            // Nothing left that matches: the rest of the stream was stored after the call began (or never matched).
            if (metadata.StreamSequence == last || metadata.NumPending == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>How many messages from <paramref name="from"/> match the filter now, read from a short-lived probe consumer.</summary>
    private async Task<ulong> CountFromAsync(NatsJsContext js, string stream, string? filterSubject, ulong from, CancellationToken cancellationToken)
    {
        var probe = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig
        {
            AckPolicy = AckPolicy.None,
            DeliverPolicy = DeliverPolicy.ByStartSequence,
            OptStartSeq = from,
            FilterSubject = filterSubject,
            MemoryStorage = true,
            NumReplicas = 1,
            InactiveThreshold = TimeSpan.FromSeconds(30),
        }, cancellationToken);
        try
        {
            await js.DeleteConsumerAsync(stream, probe.Name, cancellationToken);
        }
        catch (NatsException ex)
        {
            // The server drops an idle ephemeral consumer by itself.
            MessagingLog.ProbeCleanupFailed(_logger, stream, ex);
        }

        return probe.Info.NumPending;
    }
}
