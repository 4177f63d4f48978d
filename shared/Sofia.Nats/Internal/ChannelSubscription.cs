using System.Threading.Channels;

namespace Sofia.Nats.Internal;

/// <summary>A user subscription: messages go into a bounded channel with an explicit slow-consumer policy.</summary>
internal sealed class ChannelSubscription : SubscriptionBase
{
    private readonly Channel<NatsMsg> _channel;
    private readonly NatsSlowConsumerPolicy _policy;
    private readonly SubjectCache _subjects = new();
    private readonly MessageArena _arena = new();
    private long _dropped;

    public ChannelSubscription(
        NatsConnection connection,
        string subject,
        string? queueGroup,
        int capacity,
        NatsSlowConsumerPolicy policy,
        long maxMessages)
        : base(connection, subject, queueGroup, maxMessages)
    {
        _policy = policy;
        _channel = Channel.CreateBounded<NatsMsg>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    public ChannelReader<NatsMsg> Reader => _channel.Reader;

    public long Dropped => Interlocked.Read(ref _dropped);

    public override ValueTask OnMessageAsync(in ServerOp op, CancellationToken cancellationToken)
    {
        var msg = MessageFactory.Create(op, _subjects.Get(op.Subject.Span), Connection, _arena);
        var last = ++Received == MaxMessages;
        if (last)
        {
            Connection.RemoveSubscription(this);
        }

        if (_channel.Writer.TryWrite(msg))
        {
            if (last)
            {
                _channel.Writer.TryComplete();
            }

            return default;
        }

        if (_policy == NatsSlowConsumerPolicy.DropNewest)
        {
            Interlocked.Increment(ref _dropped);
            NatsMetrics.DroppedMessages.Add(1);
            Connection.LogSlowConsumer(Subject);
            if (last)
            {
                _channel.Writer.TryComplete();
            }

            return default;
        }

        return WriteSlowAsync(msg, last, cancellationToken);
    }

    public override void OnClosed(Exception? error) => _channel.Writer.TryComplete(error);

    private async ValueTask WriteSlowAsync(NatsMsg msg, bool last, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(msg, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        if (last)
        {
            _channel.Writer.TryComplete();
        }
    }
}
