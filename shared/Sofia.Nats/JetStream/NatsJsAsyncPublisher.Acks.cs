using System.Buffers;
using System.Buffers.Text;
using Sofia.Nats.Internal;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

public sealed partial class NatsJsAsyncPublisher
{
    private readonly List<(byte[] Utf8, string Name)> _streamNames = [];

    private void OnAck(in ServerOp op)
    {
        var subject = op.Subject.Span;
        if (!Utf8Parser.TryParse(subject[_replyPrefix.Length..], out long token, out _))
        {
            return;
        }

        if (op.HeaderLength > 0 && op.Payload.IsEmpty)
        {
            var status = NatsHeaders.Parse(op.Headers);
            if (status.StatusCode == 503)
            {
                var slot = _slots[(int)(token % _slots.Length)];
                Complete(token, 0, false, new NatsNoRespondersException(slot.Subject));
                return;
            }
        }

        var payload = op.Payload;
        var json = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (!PubAckParser.TryParse(json, out var stream, out var sequence, out var duplicate, out var error))
        {
            Complete(token, 0, false, new NatsProtocolException("Unreadable publish ack."));
            return;
        }

        Complete(token, sequence, duplicate, error is null ? null : new NatsJsApiException(error.Code, error.ErrCode, error.Description ?? ""), StreamName(stream));
    }

    /// <summary>The stream's name as a string, allocated once per stream: acks arrive on the read loop alone, so no lock.</summary>
    private string StreamName(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, name) in _streamNames)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return name;
            }
        }

        var created = System.Text.Encoding.UTF8.GetString(utf8);
        if (_streamNames.Count < 16)
        {
            _streamNames.Add((utf8.ToArray(), created));
        }

        return created;
    }

    private async Task WatchTimeoutsAsync(CancellationToken cancellationToken)
    {
        var clock = _js.Connection.Options.TimeProvider;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _options.AckTimeout.Ticks / 4));
        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            for (var index = 0; index < _slots.Length; index++)
            {
                var slot = _slots[index];
                long token;
                bool resend;
                lock (_gate)
                {
                    if (!slot.InUse || clock.GetElapsedTime(slot.SentAt) < _options.AckTimeout)
                    {
                        continue;
                    }

                    token = slot.Token;
                    resend = slot.Payload is not null && slot.Attempts < _options.RetryAttempts
                        && _js.Connection.State != NatsConnectionState.Closed;
                    if (resend)
                    {
                        slot.Attempts++;
                        slot.SentAt = clock.GetTimestamp();
                    }
                }

                if (!resend)
                {
                    Complete(token, 0, false, new NatsRequestTimeoutException(slot.Subject, _options.AckTimeout));
                    continue;
                }

                Log.PublishRetry(_js.Connection.Logger, slot.Subject, slot.Attempts);
                try
                {
                    // A full write buffer just means this attempt waits for the next tick.
                    _ = Write(slot.Subject, token, slot.MsgId, slot.Headers, slot.Payload.AsSpan(0, slot.Length));
                }
                catch (NatsException ex)
                {
                    Complete(token, 0, false, ex);
                }
            }
        }
    }

    private sealed class AckSubscription : SubscriptionBase
    {
        private readonly NatsJsAsyncPublisher _owner;

        public AckSubscription(NatsJsAsyncPublisher owner, string subject)
            : base(owner._js.Connection, subject, null, 0) => _owner = owner;

        public override ValueTask OnMessageAsync(in ServerOp op, CancellationToken cancellationToken)
        {
            _owner.OnAck(op);
            return default;
        }

        public override void OnClosed(Exception? error)
        {
        }
    }
}
