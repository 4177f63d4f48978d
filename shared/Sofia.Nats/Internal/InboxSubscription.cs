namespace Sofia.Nats.Internal;

/// <summary>The one wildcard subscription every request's reply arrives on.</summary>
internal sealed class InboxSubscription : SubscriptionBase
{
    private readonly int _prefixLength;

    public InboxSubscription(NatsConnection connection, string subject, int prefixLength)
        : base(connection, subject, null, 0) => _prefixLength = prefixLength;

    public override ValueTask OnMessageAsync(in ServerOp op, CancellationToken cancellationToken)
    {
        var subject = op.Subject.Span;
        if (subject.Length > _prefixLength)
        {
            Connection.CompleteReply(subject[_prefixLength..], op);
        }

        return default;
    }

    public override void OnClosed(Exception? error)
    {
    }
}
