using System.Buffers.Text;
using System.Collections.Concurrent;
using Sofia.Nats.Internal;

namespace Sofia.Nats;

public sealed partial class NatsConnection
{
    private readonly string _inboxPrefix;
    private readonly byte[] _inboxPrefixBytes;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<NatsMsg>> _requests = new();
    private readonly SemaphoreSlim _inboxGate = new(1, 1);
    private volatile InboxSubscription? _inbox;
    private long _nextRequestId;

    /// <summary>
    /// Sends a request and waits for the first reply. All requests share one <c>_INBOX.&lt;id&gt;.*</c> subscription.
    /// </summary>
    /// <exception cref="NatsNoRespondersException">Nobody is subscribed to the subject.</exception>
    /// <exception cref="NatsRequestTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="NatsConnectionException">The connection was lost or closed before the reply.</exception>
    public async Task<NatsMsg> RequestAsync(
        string subject,
        ReadOnlyMemory<byte> data = default,
        NatsHeaders? headers = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        NatsSubject.EnsurePublishSubject(subject);
        await EnsureInboxAsync(cancellationToken);
        var id = Interlocked.Increment(ref _nextRequestId);
        var reply = new TaskCompletionSource<NatsMsg>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = reply;
        var wait = timeout ?? _options.RequestTimeout;
        try
        {
            await PublishAsync(subject, data, headers, _inboxPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            var msg = await reply.Task.WaitAsync(wait, _options.TimeProvider, cancellationToken);
            if (msg.Headers is { StatusCode: 503 })
            {
                throw new NatsNoRespondersException(subject);
            }

            return msg;
        }
        catch (TimeoutException)
        {
            throw new NatsRequestTimeoutException(subject, wait);
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }

    internal async ValueTask EnsureInboxAsync(CancellationToken cancellationToken)
    {
        if (_inbox is not null)
        {
            return;
        }

        await _inboxGate.WaitAsync(cancellationToken);
        try
        {
            if (_inbox is null)
            {
                var inbox = new InboxSubscription(this, _inboxPrefix + "*", _inboxPrefixBytes.Length);
                await RegisterAsync(inbox, cancellationToken);
                _inbox = inbox;
            }
        }
        finally
        {
            _inboxGate.Release();
        }
    }

    internal void CompleteReply(ReadOnlySpan<byte> token, in ServerOp op)
    {
        if (!Utf8Parser.TryParse(token, out long id, out var consumed) || consumed != token.Length)
        {
            return;
        }

        if (_requests.TryRemove(id, out var reply))
        {
            reply.TrySetResult(MessageFactory.Create(op, System.Text.Encoding.UTF8.GetString(op.Subject.Span), this));
        }
    }

    private void FailRequests(Exception error)
    {
        foreach (var pair in _requests)
        {
            if (_requests.TryRemove(pair.Key, out var reply))
            {
                reply.TrySetException(error);
            }
        }
    }
}
