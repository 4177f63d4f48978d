using Sofia.Nats.Internal;

namespace Sofia.Nats;

public sealed partial class NatsConnection
{
    /// <summary>
    /// Subscribes to <paramref name="subject"/> (wildcards allowed), optionally in a queue group.
    /// When connected it returns after the server has registered the subscription.
    /// </summary>
    /// <exception cref="ArgumentException">The subject or queue group is invalid.</exception>
    /// <exception cref="NatsConnectionException">The connection is closed.</exception>
    public async ValueTask<NatsSubscription> SubscribeAsync(
        string subject,
        string? queueGroup = null,
        NatsSubscriptionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        NatsSubject.EnsureSubscribeSubject(subject);
        NatsSubject.EnsureQueueGroup(queueGroup);
        var capacity = options?.Capacity ?? _options.SubscriptionCapacity;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity, nameof(options));
        var inner = new ChannelSubscription(
            this,
            subject,
            queueGroup,
            capacity,
            options?.SlowConsumerPolicy ?? _options.SlowConsumerPolicy,
            options?.MaxMessages ?? 0);
        await RegisterAsync(inner, cancellationToken);
        return new NatsSubscription(inner);
    }

    /// <summary>Registers a subscription of any kind; it is restored on every reconnect.</summary>
    internal async ValueTask RegisterAsync(SubscriptionBase subscription, CancellationToken cancellationToken)
    {
        bool connected;
        lock (_gate)
        {
            ThrowIfClosed();
            subscription.Sid = ++_nextSid;
            _subscriptions[subscription.Sid] = subscription;
            connected = _state == NatsConnectionState.Connected;
            if (connected)
            {
                var before = _active.Length;
                ProtocolWriter.WriteSubscribe(_active, subscription.Subject, subscription.QueueGroup, subscription.Sid);
                if (subscription.MaxMessages > 0)
                {
                    ProtocolWriter.WriteUnsubscribe(_active, subscription.Sid, subscription.MaxMessages);
                }

                NatsMetrics.PendingBytes.Add(_active.Length - before);
            }
        }

        SignalWriter();
        if (connected)
        {
            try
            {
                await FlushAsync(cancellationToken);
            }
            catch (NatsConnectionException)
            {
                // Lost meanwhile: the reconnect restores the subscription.
            }
        }
    }

    internal ValueTask UnsubscribeAsync(SubscriptionBase subscription, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_subscriptions.TryRemove(subscription.Sid, out _))
        {
            return default;
        }

        lock (_gate)
        {
            if (_state == NatsConnectionState.Connected)
            {
                var before = _active.Length;
                ProtocolWriter.WriteUnsubscribe(_active, subscription.Sid, 0);
                NatsMetrics.PendingBytes.Add(_active.Length - before);
            }
        }

        SignalWriter();
        subscription.OnClosed(null);
        return default;
    }

    internal ValueTask AutoUnsubscribeAsync(SubscriptionBase subscription, long maxMessages, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_subscriptions.ContainsKey(subscription.Sid))
            {
                return default;
            }

            subscription.MaxMessages = maxMessages;
            if (_state == NatsConnectionState.Connected)
            {
                var before = _active.Length;
                ProtocolWriter.WriteUnsubscribe(_active, subscription.Sid, maxMessages);
                NatsMetrics.PendingBytes.Add(_active.Length - before);
            }
        }

        SignalWriter();
        return default;
    }

    /// <summary>Forgets a subscription the server has already ended (max messages reached).</summary>
    internal void RemoveSubscription(SubscriptionBase subscription) => _subscriptions.TryRemove(subscription.Sid, out _);
}
