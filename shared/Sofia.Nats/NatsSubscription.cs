using System.Threading.Channels;
using Sofia.Nats.Internal;

namespace Sofia.Nats;

/// <summary>
/// A subscription. Messages wait in a bounded buffer; read them with <see cref="ReadAllAsync"/> or
/// <see cref="Messages"/>. It survives reconnects; dispose it to unsubscribe.
/// </summary>
public sealed class NatsSubscription : IAsyncDisposable
{
    private readonly ChannelSubscription _inner;

    internal NatsSubscription(ChannelSubscription inner) => _inner = inner;

    /// <summary>The subject (may contain wildcards).</summary>
    public string Subject => _inner.Subject;

    /// <summary>The queue group, or null.</summary>
    public string? QueueGroup => _inner.QueueGroup;

    /// <summary>The buffered messages; completes when the subscription ends.</summary>
    public ChannelReader<NatsMsg> Messages => _inner.Reader;

    /// <summary>Messages dropped because the buffer was full under <see cref="NatsSlowConsumerPolicy.DropNewest"/>.</summary>
    public long DroppedMessages => _inner.Dropped;

    internal long Sid => _inner.Sid;

    /// <summary>Reads messages until the subscription ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<NatsMsg> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _inner.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Tells the server to end the subscription after <paramref name="maxMessages"/> more messages.</summary>
    public ValueTask AutoUnsubscribeAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        return _inner.Connection.AutoUnsubscribeAsync(_inner, maxMessages, cancellationToken);
    }

    /// <summary>Unsubscribes; buffered messages can still be read.</summary>
    public ValueTask UnsubscribeAsync(CancellationToken cancellationToken = default) =>
        _inner.Connection.UnsubscribeAsync(_inner, cancellationToken);

    /// <summary>Unsubscribes.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await UnsubscribeAsync();
        }
        catch (NatsException)
        {
            // The connection is gone, and with it the subscription.
        }
    }
}
