using System.Runtime.CompilerServices;
using Sofia.Messaging.Internal;
using Sofia.Messaging.NatsBus;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Messaging;

public sealed partial class NatsMessageBus
{
    private const int StreamNotFound = 10059;
    private const int ConsumerNotFound = 10014;

    /// <inheritdoc />
    public async IAsyncEnumerable<IBusMessage> ConsumeAsync(BusConsumerSpec consumer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var config = new ConsumerConfig
        {
            DurableName = consumer.Durable,
            FilterSubject = consumer.FilterSubject,
            AckPolicy = consumer.AckAll ? AckPolicy.All : AckPolicy.Explicit,
            AckWait = consumer.AckWait,
            MaxDeliver = consumer.MaxDeliver,
            MaxAckPending = consumer.MaxAckPending,
            DeliverPolicy = consumer.DeliverFrom == BusDeliverFrom.New ? DeliverPolicy.New : DeliverPolicy.All,
        };
        var options = new NatsJsConsumeOptions
        {
            MaxMessages = Math.Max(1, consumer.BatchSize),
            Expires = TimeSpan.FromSeconds(30),
            IdleHeartbeat = TimeSpan.FromSeconds(5),
        };
        MessagingLog.Consuming(_logger, consumer.Stream, consumer.Durable, consumer.FilterSubject ?? ">");
        var delay = TimeSpan.Zero;
        while (true)
        {
            // The durable is (re)created on every pass: after a server restart, or if someone deleted it, it comes back
            // with its stored position when the server kept it, and from DeliverFrom when it did not.
            NatsJsConsumer pull;
            try
            {
                var js = await JetStreamAsync(cancellationToken);
                pull = await OpenConsumerAsync(js, consumer, config, cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                delay = NextDelay(delay);
                MessagingLog.ConsumerUnavailable(_logger, consumer.Stream, consumer.Durable, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            var messages = pull.ConsumeAsync(options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await messages.MoveNextAsync())
                        {
                            break;
                        }
                    }
                    catch (Exception ex) when (IsTransient(ex, cancellationToken))
                    {
                        delay = NextDelay(delay);
                        MessagingLog.ConsumerUnavailable(_logger, consumer.Stream, consumer.Durable, delay.TotalMilliseconds, ex);
                        await Task.Delay(delay, _time, cancellationToken);
                        break;
                    }

                    delay = TimeSpan.Zero;
                    yield return new NatsBusMessage(messages.Current);
                }
            }
            finally
            {
                await messages.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Creates the durable, or updates it keeping where it started (nats-server refuses to change that). An ack-all
    /// durable with messages an earlier reader took and never acked is created again at its ack floor: the first ack
    /// of this reader would otherwise settle them unseen. Redelivering them at once, in order, also means every ack
    /// of this reader covers only messages it received.
    /// </summary>
    private async Task<NatsJsConsumer> OpenConsumerAsync(NatsJsContext js, BusConsumerSpec consumer, ConsumerConfig config, CancellationToken cancellationToken)
    {
        ConsumerInfo existing;
        try
        {
            existing = await js.GetConsumerInfoAsync(consumer.Stream, consumer.Durable, cancellationToken);
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == ConsumerNotFound)
        {
            return await js.CreateOrUpdateConsumerAsync(consumer.Stream, config, cancellationToken);
        }

        if (consumer.AckAll && existing.Config.AckPolicy == AckPolicy.All && existing.NumAckPending > 0)
        {
            var start = existing.AckFloor.StreamSeq + 1;
            MessagingLog.ConsumerRewound(_logger, consumer.Stream, consumer.Durable, existing.NumAckPending, start);
            await js.DeleteConsumerAsync(consumer.Stream, consumer.Durable, cancellationToken);
            return await js.CreateOrUpdateConsumerAsync(
                consumer.Stream, config with { DeliverPolicy = DeliverPolicy.ByStartSequence, OptStartSeq = start }, cancellationToken);
        }

        return await js.CreateOrUpdateConsumerAsync(
            consumer.Stream, config with { DeliverPolicy = existing.Config.DeliverPolicy, OptStartSeq = existing.Config.OptStartSeq }, cancellationToken);
    }

    /// <summary>
    /// Errors a consumer waits out: no connection, timeouts, JetStream not answering, and a stream or consumer that is
    /// not there (yet). A configuration the server refuses is not one of them.
    /// </summary>
    private static bool IsTransient(Exception error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && error switch
        {
            NatsJsApiException api => api.Code is 503 or 408 || api.ErrorCode is StreamNotFound or ConsumerNotFound || api.Code == 409,
            NatsConnectionException or NatsRequestTimeoutException or NatsNoRespondersException => true,
            ObjectDisposedException or OperationCanceledException => false,
            NatsException => true,
            _ => false,
        };
}
