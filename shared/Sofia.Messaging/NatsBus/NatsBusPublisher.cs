using System.Collections.Concurrent;
using Sofia.Contracts;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Messaging.NatsBus;

/// <summary>
/// The windowed publisher on <see cref="NatsJsAsyncPublisher"/>: a publish is written to the connection before
/// <see cref="PublishAsync"/> returns (waiting only while <c>maxPendingAcks</c> acks are outstanding), so messages from
/// one caller keep their order, and its ack arrives on one shared reply subscription. The type header is encoded once
/// per type name, so the usual message (msg id and type) costs no header allocation; envelopes with further headers
/// (dead letters) encode theirs per message. A message with a msg id whose ack times out is re-sent by the async
/// publisher with the same id.
/// </summary>
internal sealed class NatsBusPublisher : IBusPublisher
{
    private const int MaxCachedTypes = 256;

    private readonly NatsJsAsyncPublisher _publisher;
    private readonly ConcurrentDictionary<string, NatsJsAsyncPublisherHeaders> _typeHeaders = new(StringComparer.Ordinal);
    private int _disposed;

    private NatsBusPublisher(NatsJsAsyncPublisher publisher) => _publisher = publisher;

    public static async Task<NatsBusPublisher> CreateAsync(NatsJsContext js, int maxPendingAcks, TimeSpan ackTimeout, CancellationToken cancellationToken)
    {
        var options = new NatsJsAsyncPublisherOptions { MaxPending = maxPendingAcks, AckTimeout = ackTimeout };
        return new NatsBusPublisher(await js.CreateAsyncPublisherAsync(options, cancellationToken));
    }

    public ValueTask<Task<BusPublishAck>> PublishAsync(BusEnvelope message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ValueTask<NatsJsPublishFuture> sending;
        try
        {
            sending = _publisher.PublishWithAckAsync(message.Subject, message.Data, message.MessageId, HeadersOf(message), cancellationToken);
        }
        catch (NatsException ex)
        {
            // Not sent (closed connection, full reconnect buffer): reported by the ack task like any other failure.
            return new(Task.FromException<BusPublishAck>(Translate(ex, message.Subject)));
        }

        return sending.IsCompletedSuccessfully
            ? new(AckAsync(sending.Result, message.Subject))
            : AfterRoomAsync(sending, message.Subject);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Acks still outstanding fail with ObjectDisposedException rather than keep the publisher alive.
            await _publisher.DisposeAsync();
        }
    }

    private static async ValueTask<Task<BusPublishAck>> AfterRoomAsync(ValueTask<NatsJsPublishFuture> sending, string subject)
    {
        try
        {
            return AckAsync(await sending, subject);
        }
        catch (NatsException ex)
        {
            return Task.FromException<BusPublishAck>(Translate(ex, subject));
        }
    }

    private static async Task<BusPublishAck> AckAsync(NatsJsPublishFuture future, string subject)
    {
        try
        {
            var ack = await future.GetAckAsync();
            return new BusPublishAck(ack.Stream, ack.Sequence, ack.Duplicate);
        }
        catch (NatsNoRespondersException ex)
        {
            throw new BusNoStreamException(subject, ex);
        }
    }

    private static Exception Translate(NatsException error, string subject) =>
        error is NatsNoRespondersException ? new BusNoStreamException(subject, error) : error;

    private NatsJsAsyncPublisherHeaders? HeadersOf(in BusEnvelope message)
    {
        if (message.Headers is { Count: > 0 })
        {
            var headers = NatsBusHeaders.From(message)!;
            return new NatsJsAsyncPublisherHeaders(headers.Entries);
        }

        if (message.MessageType is not { } type)
        {
            return null;
        }

        if (_typeHeaders.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var created = new NatsJsAsyncPublisherHeaders(MessageHeaders.MessageType, type);
        if (_typeHeaders.Count < MaxCachedTypes)
        {
            _typeHeaders.TryAdd(type, created);
        }

        return created;
    }
}
