using System.Runtime.CompilerServices;
using Sofia.Nats.Internal;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>
/// Replays a stream in order without acks, through an ephemeral consumer it manages: on a gap in
/// consumer sequences, a reconnect, missed heartbeats or a vanished consumer it recreates the
/// consumer from the stream sequence after the last one delivered, so nothing is skipped or repeated.
/// </summary>
public sealed class NatsJsOrderedConsumer
{
    private static readonly TimeSpan Expires = TimeSpan.FromSeconds(30);

    private readonly NatsJsContext _js;
    private readonly NatsJsOrderedConsumerOptions _options;

    internal NatsJsOrderedConsumer(NatsJsContext js, string stream, NatsJsOrderedConsumerOptions options)
    {
        _js = js;
        Stream = stream;
        _options = options;
    }

    /// <summary>The stream.</summary>
    public string Stream { get; }

    /// <summary>Resets so far (gaps, reconnects, missed heartbeats, lost consumers).</summary>
    public int Resets { get; private set; }

    /// <summary>Yields the stream's messages in order until cancelled.</summary>
    public async IAsyncEnumerable<NatsJsMsg> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = _js.Connection;
        var batch = Math.Max(1, _options.MaxMessages);
        ulong lastStreamSequence = 0;
        var retry = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            NatsJsConsumer consumer;
            try
            {
                consumer = await _js.CreateOrUpdateConsumerAsync(Stream, Config(lastStreamSequence), cancellationToken);
            }
            catch (NatsException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(retry, connection.Options.TimeProvider, cancellationToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                continue;
            }

            retry = TimeSpan.FromMilliseconds(100);
            var pull = new PullSubscription(_js, Stream, consumer.Name, (batch * 2) + 64);
            await connection.RegisterAsync(pull, cancellationToken);
            ulong expected = 1;
            string? reset = null;
            using var reader = new PullEventReader(pull, cancellationToken);
            try
            {
                while (reset is null)
                {
                    pull.ForgetExpired(TimeSpan.FromSeconds(2));
                    var pending = pull.PendingMessages;
                    if ((pending < batch / 2 || pull.LiveRequests == 0) && connection.State == NatsConnectionState.Connected)
                    {
                        await pull.PullAsync(batch - pending, null, Expires, false, _options.IdleHeartbeat, cancellationToken);
                    }

                    var next = await reader.ReadAsync(_options.IdleHeartbeat * 2);
                    if (next is not { } pullEvent)
                    {
                        reset = connection.State == NatsConnectionState.Connected ? "missed heartbeats" : null;
                        continue;
                    }

                    switch (pullEvent.Kind)
                    {
                        case PullEventKind.Message:
                            var metadata = pullEvent.Msg.Metadata;
                            if (metadata.ConsumerSequence != expected)
                            {
                                reset = $"gap: expected consumer sequence {expected}, got {metadata.ConsumerSequence}";
                                break;
                            }

                            expected++;
                            lastStreamSequence = metadata.StreamSequence;
                            yield return pullEvent.Msg;
                            break;
                        case PullEventKind.RequestDone when pullEvent.Status == 503:
                            reset = "consumer not found";
                            break;
                        case PullEventKind.Reconnected:
                            reset = "reconnected";
                            break;
                        case PullEventKind.Terminal:
                            reset = pullEvent.Error?.Message ?? "consumer ended";
                            break;
                        default:
                            break;
                    }
                }
            }
            finally
            {
                await connection.UnsubscribeAsync(pull, CancellationToken.None);
            }

            Resets++;
            Log.OrderedReset(connection.Logger, Stream, lastStreamSequence + 1, reset);
            await DeleteQuietlyAsync(consumer.Name);
        }
    }

    private ConsumerConfig Config(ulong lastStreamSequence)
    {
        var config = new ConsumerConfig
        {
            AckPolicy = AckPolicy.None,
            MaxDeliver = 1,
            MemoryStorage = true,
            NumReplicas = 1,
            InactiveThreshold = TimeSpan.FromMinutes(5),
            FilterSubject = _options.FilterSubject,
            HeadersOnly = _options.HeadersOnly ? true : null,
        };
        if (lastStreamSequence > 0)
        {
            return config with { DeliverPolicy = DeliverPolicy.ByStartSequence, OptStartSeq = lastStreamSequence + 1 };
        }

        return config with
        {
            DeliverPolicy = _options.DeliverPolicy,
            OptStartSeq = _options.DeliverPolicy == DeliverPolicy.ByStartSequence ? _options.OptStartSeq : null,
            OptStartTime = _options.DeliverPolicy == DeliverPolicy.ByStartTime ? _options.OptStartTime : null,
        };
    }

    private async Task DeleteQuietlyAsync(string consumer)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _js.Connection.Options.TimeProvider);
            await _js.DeleteConsumerAsync(Stream, consumer, timeout.Token);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException)
        {
            // The server drops an idle ephemeral consumer by itself.
        }
    }
}
