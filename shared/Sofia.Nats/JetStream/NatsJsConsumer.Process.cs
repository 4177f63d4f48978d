using System.Globalization;
using Sofia.Nats.Internal;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

public sealed partial class NatsJsConsumer
{
    /// <summary>Header naming the stream a dead letter came from.</summary>
    public const string DeadLetterStreamHeader = "Sofia-Dead-Letter-Stream";

    /// <summary>Header naming the consumer that gave up.</summary>
    public const string DeadLetterConsumerHeader = "Sofia-Dead-Letter-Consumer";

    /// <summary>Header with the original subject.</summary>
    public const string DeadLetterSubjectHeader = "Sofia-Dead-Letter-Subject";

    /// <summary>Header with the original stream sequence.</summary>
    public const string DeadLetterSequenceHeader = "Sofia-Dead-Letter-Sequence";

    /// <summary>Header with the number of deliveries.</summary>
    public const string DeadLetterDeliveriesHeader = "Sofia-Dead-Letter-Deliveries";

    /// <summary>Header with the last error.</summary>
    public const string DeadLetterErrorHeader = "Sofia-Dead-Letter-Error";

    /// <summary>
    /// Runs <paramref name="handler"/> for each message until cancelled: success acks, an exception naks
    /// (with <see cref="NatsJsProcessOptions.NakDelay"/>), and an exception on the last allowed delivery
    /// dead-letters the message and terminates it, so the consumer keeps going.
    /// </summary>
    /// <exception cref="NatsException">A dead letter could not be published: the message is left unacknowledged rather than lost.</exception>
    public async Task ProcessAsync(
        Func<NatsJsMsg, CancellationToken, ValueTask> handler,
        NatsJsProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new NatsJsProcessOptions();
        var maxDeliver = options.MaxDeliver ?? Info.Config.MaxDeliver ?? -1;
        await foreach (var msg in ConsumeAsync(options.Consume, cancellationToken))
        {
            Exception? failure = null;
            try
            {
                await handler(msg, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }

            if (failure is null)
            {
                await msg.AckAsync(cancellationToken);
            }
            else if (maxDeliver > 0 && msg.Metadata.NumDelivered >= (ulong)maxDeliver)
            {
                await DeadLetterAsync(msg, failure, options, cancellationToken);
            }
            else
            {
                await msg.NakAsync(options.NakDelay, cancellationToken);
            }
        }
    }

    /// <summary>Publishes <paramref name="msg"/> to <paramref name="deadLetterSubject"/> with JetStream ack and the dead-letter headers, then terminates it.</summary>
    public async Task DeadLetterAsync(NatsJsMsg msg, string deadLetterSubject, Exception error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await DeadLetterAsync(msg, error, new NatsJsProcessOptions { DeadLetterSubject = deadLetterSubject }, cancellationToken);
    }

    private async Task DeadLetterAsync(NatsJsMsg msg, Exception error, NatsJsProcessOptions options, CancellationToken cancellationToken)
    {
        var metadata = msg.Metadata;
        if (options.DeadLetterSubject is { } subject)
        {
            var headers = new NatsHeaders();
            if (msg.Headers is { } original)
            {
                foreach (var entry in original.Entries)
                {
                    if (!entry.Key.StartsWith("Nats-", StringComparison.OrdinalIgnoreCase))
                    {
                        headers.Add(entry.Key, entry.Value);
                    }
                }
            }

            headers.Set(DeadLetterStreamHeader, metadata.Stream)
                .Set(DeadLetterConsumerHeader, metadata.Consumer)
                .Set(DeadLetterSubjectHeader, msg.Subject)
                .Set(DeadLetterSequenceHeader, metadata.StreamSequence.ToString(CultureInfo.InvariantCulture))
                .Set(DeadLetterDeliveriesHeader, metadata.NumDelivered.ToString(CultureInfo.InvariantCulture))
                .Set(DeadLetterErrorHeader, OneLine(error.Message));
            var publish = new NatsJsPublishOptions
            {
                MsgId = string.Create(CultureInfo.InvariantCulture, $"dlq:{metadata.Stream}:{metadata.Consumer}:{metadata.StreamSequence}"),
                RetryAttempts = 5,
            };
            await _js.PublishAsync(subject, msg.Data, publish, headers, cancellationToken);
            Log.DeadLettered(_js.Connection.Logger, metadata.Stream, metadata.StreamSequence, subject, metadata.NumDelivered, error);
        }

        if (options.OnDeadLetter is { } hook)
        {
            await hook(msg, error, cancellationToken);
        }

        await msg.TermAsync("dead-lettered", cancellationToken);
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 512 ? line[..512] : line;
    }
}
