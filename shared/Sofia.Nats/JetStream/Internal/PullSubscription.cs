using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Sofia.Nats.Internal;

namespace Sofia.Nats.JetStream.Internal;

/// <summary>
/// The reply subscription of a pull consumer: each pull request gets its own reply token, so
/// 404/408/409 statuses end exactly that request (2.9 sends no pending counts) and the
/// outstanding message count stays exact.
/// </summary>
internal sealed class PullSubscription : SubscriptionBase
{
    private readonly NatsJsContext _js;
    private readonly string _prefix;
    private readonly int _prefixLength;
    private readonly string _nextSubject;
    private readonly Channel<PullEvent> _events;
    private readonly List<PullRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly SubjectCache _subjects = new();
    private readonly MessageArena _arena = new();
    private long _nextRequest;
    private int _pending;

    public PullSubscription(NatsJsContext js, string stream, string consumer, int capacity)
        : this(js, stream, consumer, capacity, $"{js.Connection.Options.InboxPrefix}.{Guid.NewGuid():N}.")
    {
    }

    private PullSubscription(NatsJsContext js, string stream, string consumer, int capacity, string prefix)
        : base(js.Connection, prefix + "*", null, 0)
    {
        _js = js;
        _prefix = prefix;
        _prefixLength = System.Text.Encoding.UTF8.GetByteCount(prefix);
        Stream = stream;
        Consumer = consumer;
        _nextSubject = $"{(js.Options.Domain is null ? "$JS.API" : $"$JS.{js.Options.Domain}.API")}.CONSUMER.MSG.NEXT.{stream}.{consumer}";
        _events = Channel.CreateBounded<PullEvent>(new BoundedChannelOptions(capacity) { SingleWriter = true, SingleReader = true });
    }

    public string Stream { get; }

    public string Consumer { get; }

    public ChannelReader<PullEvent> Events => _events.Reader;

    /// <summary>Messages requested and not yet delivered, over live requests.</summary>
    public int PendingMessages
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    public int LiveRequests
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Sends a pull request; returns its id.</summary>
    public async ValueTask<long> PullAsync(int batch, long? maxBytes, TimeSpan expires, bool noWait, TimeSpan? heartbeat, CancellationToken cancellationToken)
    {
        // 2.9 mishandles max_bytes with batch 0, so a batch is always sent.
        batch = Math.Max(1, batch);
        var id = Interlocked.Increment(ref _nextRequest);
        var expiresAt = Connection.Options.TimeProvider.GetTimestamp()
            + (long)(expires.TotalSeconds * Connection.Options.TimeProvider.TimestampFrequency);
        lock (_gate)
        {
            _requests.Add(new PullRequest(id, batch, expiresAt));
            _pending += batch;
        }

        var body = new PullRequestBody(
            batch,
            maxBytes,
            noWait ? null : expires.Ticks * 100,
            noWait ? true : null,
            heartbeat is { } hb && hb > TimeSpan.Zero ? hb.Ticks * 100 : null);
        var json = JsonSerializer.SerializeToUtf8Bytes(body, JetStreamJsonContext.Default.PullRequestBody);
        await Connection.PublishAsync(_nextSubject, json, replyTo: _prefix + id.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return id;
    }

    /// <summary>Forgets every request (after a reconnect or missed heartbeats, the server may have lost them).</summary>
    public void ForgetRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
            _pending = 0;
        }
    }

    /// <summary>Forgets requests whose expiry passed <paramref name="grace"/> ago without a status.</summary>
    public void ForgetExpired(TimeSpan grace)
    {
        var clock = Connection.Options.TimeProvider;
        var now = clock.GetTimestamp();
        var graceTicks = (long)(grace.TotalSeconds * clock.TimestampFrequency);
        lock (_gate)
        {
            for (var i = _requests.Count - 1; i >= 0; i--)
            {
                if (now - _requests[i].ExpiresAt > graceTicks)
                {
                    RemoveAt(i);
                }
            }
        }
    }

    public override ValueTask OnMessageAsync(in ServerOp op, CancellationToken cancellationToken)
    {
        if (op.HeaderLength > 0 && op.ReplyTo.IsEmpty)
        {
            var headers = NatsHeaders.Parse(op.Headers);
            if (headers.StatusCode != 0)
            {
                // Statuses are addressed to the request's own reply subject.
                var subject = op.Subject.Span;
                if (!Utf8Parser.TryParse(subject[Math.Min(_prefixLength, subject.Length)..], out long requestId, out _))
                {
                    requestId = 0;
                }

                return Publish(OnStatus(requestId, headers.StatusCode, headers.StatusDescription), cancellationToken);
            }
        }

        // Deliveries keep their stream subject, so they cannot name their request: they count
        // against the oldest one, which the server serves first.
        lock (_gate)
        {
            if (_requests.Count > 0)
            {
                var oldest = _requests[0];
                oldest.Delivered++;
                _pending--;
                if (oldest.Delivered >= oldest.Batch)
                {
                    _requests.RemoveAt(0);
                }
            }
        }

        var msg = MessageFactory.Create(op, _subjects.Get(op.Subject.Span), Connection, _arena);
        return Publish(new PullEvent(PullEventKind.Message, new NatsJsMsg(msg, _js), 0, 0, null), cancellationToken);
    }

    public override void OnClosed(Exception? error) =>
        _events.Writer.TryComplete(error ?? new NatsConnectionException("The connection is closed."));

    public override void OnReconnected()
    {
        ForgetRequests();
        _events.Writer.TryWrite(new PullEvent(PullEventKind.Reconnected, default, 0, 0, null));
    }

    private PullEvent OnStatus(long requestId, int status, string description)
    {
        Log.PullStatus(Connection.Logger, Stream, Consumer, status, description);
        if (status == 100)
        {
            return new PullEvent(PullEventKind.Heartbeat, default, requestId, status, null);
        }

        if (status == 409 && (description.Contains("Consumer Deleted", StringComparison.OrdinalIgnoreCase)
            || description.Contains("push based", StringComparison.OrdinalIgnoreCase)))
        {
            return new PullEvent(PullEventKind.Terminal, default, requestId, status, new NatsJsApiException(status, 0, description));
        }

        // 404 no messages, 408 expired, 409 batch completed / max bytes / max waiting, 503 no responders.
        lock (_gate)
        {
            var index = _requests.FindIndex(r => r.Id == requestId);
            if (index >= 0)
            {
                RemoveAt(index);
            }
        }

        return new PullEvent(PullEventKind.RequestDone, default, requestId, status, null);
    }

    private void RemoveAt(int index)
    {
        var request = _requests[index];
        _pending -= request.Batch - request.Delivered;
        _requests.RemoveAt(index);
    }

    private ValueTask Publish(PullEvent pullEvent, CancellationToken cancellationToken)
    {
        if (_events.Writer.TryWrite(pullEvent))
        {
            return default;
        }

        return WriteSlowAsync(pullEvent, cancellationToken);
    }

    private async ValueTask WriteSlowAsync(PullEvent pullEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _events.Writer.WriteAsync(pullEvent, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // The consumer stopped; the server redelivers what was not acked.
        }
    }

    private sealed class PullRequest(long id, int batch, long expiresAt)
    {
        public long Id { get; } = id;

        public int Batch { get; } = batch;

        public long ExpiresAt { get; } = expiresAt;

        public int Delivered { get; set; }
    }
}
