namespace Sofia.Nats.Internal;

/// <summary>Anything the read loop can deliver MSG/HMSG to: user subscriptions, the request inbox, JetStream internals.</summary>
internal abstract class SubscriptionBase
{
    protected SubscriptionBase(NatsConnection connection, string subject, string? queueGroup, long maxMessages)
    {
        Connection = connection;
        Subject = subject;
        QueueGroup = queueGroup;
        MaxMessages = maxMessages;
    }

    public NatsConnection Connection { get; }

    public long Sid { get; set; }

    public string Subject { get; }

    public string? QueueGroup { get; }

    /// <summary>Messages after which the server ends the subscription; 0 for never.</summary>
    public long MaxMessages { get; set; }

    /// <summary>Messages delivered so far; only the read loop writes it.</summary>
    public long Received { get; protected set; }

    /// <summary>Handles one message on the read loop; the op's memory is valid only during the call.</summary>
    public abstract ValueTask OnMessageAsync(in ServerOp op, CancellationToken cancellationToken);

    /// <summary>The subscription ended (unsubscribed, max reached, connection closed, permission denied).</summary>
    public abstract void OnClosed(Exception? error);

    /// <summary>Called on reconnect after the subscription was restored on the new server.</summary>
    public virtual void OnReconnected()
    {
    }
}
