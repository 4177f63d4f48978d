using System.Runtime.CompilerServices;
using Sofia.Nats.Internal;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

/// <summary>A pull consumer: fetch a batch, or consume continuously across reconnects and server restarts.</summary>
public sealed partial class NatsJsConsumer
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly NatsJsContext _js;

    internal NatsJsConsumer(NatsJsContext js, ConsumerInfo info)
    {
        _js = js;
        Info = info;
    }

    /// <summary>The stream.</summary>
    public string Stream => Info.StreamName;

    /// <summary>The consumer name.</summary>
    public string Name => Info.Name;

    /// <summary>The consumer as last read from the server.</summary>
    public ConsumerInfo Info { get; private set; }

    /// <summary>Reads the consumer's current state (pending, ack pending, delivered).</summary>
    public async Task<ConsumerInfo> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Info = await _js.GetConsumerInfoAsync(Stream, Name, cancellationToken);
        return Info;
    }

    /// <summary>
    /// Sends one pull request and yields what it brings: up to <see cref="NatsJsFetchOptions.MaxMessages"/>,
    /// ending early when the server reports no messages (404), expiry (408) or a completed batch (409).
    /// </summary>
    public async IAsyncEnumerable<NatsJsMsg> FetchAsync(NatsJsFetchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new NatsJsFetchOptions();
        var pull = new PullSubscription(_js, Stream, Name, options.MaxMessages + 16);
        await _js.Connection.RegisterAsync(pull, cancellationToken);
        try
        {
            var id = await pull.PullAsync(options.MaxMessages, options.MaxBytes, options.Expires, options.NoWait, options.IdleHeartbeat, cancellationToken);
            var clock = _js.Connection.Options.TimeProvider;
            var started = clock.GetTimestamp();
            var limit = options.Expires + Grace;
            var received = 0;
            using var reader = new PullEventReader(pull, cancellationToken);
            while (received < options.MaxMessages)
            {
                var left = limit - clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    yield break;
                }

                var next = await reader.ReadAsync(left);
                if (next is not { } pullEvent)
                {
                    yield break;
                }

                switch (pullEvent.Kind)
                {
                    case PullEventKind.Message:
                        received++;
                        yield return pullEvent.Msg;
                        break;
                    case PullEventKind.RequestDone when pullEvent.RequestId == id:
                    case PullEventKind.Reconnected:
                        yield break;
                    case PullEventKind.Terminal:
                        throw pullEvent.Error!;
                    default:
                        break;
                }
            }
        }
        finally
        {
            await _js.Connection.UnsubscribeAsync(pull, CancellationToken.None);
        }
    }

    /// <summary>
    /// Yields messages until cancelled, keeping pull requests topped up. After a reconnect, a server
    /// restart or two missed heartbeats it forgets its requests and pulls again.
    /// </summary>
    /// <exception cref="NatsJsApiException">The consumer was deleted (409 Consumer Deleted).</exception>
    public async IAsyncEnumerable<NatsJsMsg> ConsumeAsync(NatsJsConsumeOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new NatsJsConsumeOptions();
        var batch = Math.Max(1, options.MaxMessages);
        var threshold = options.ThresholdMessages ?? Math.Max(1, batch / 2);
        var pull = new PullSubscription(_js, Stream, Name, (batch * 2) + 64);
        await _js.Connection.RegisterAsync(pull, cancellationToken);
        var connection = _js.Connection;
        var quiet = options.IdleHeartbeat * 2;
        var backoff = TimeSpan.Zero;
        using var reader = new PullEventReader(pull, cancellationToken);
        try
        {
            while (true)
            {
                pull.ForgetExpired(Grace);
                var pending = pull.PendingMessages;
                if ((pending < threshold || pull.LiveRequests == 0) && connection.State == NatsConnectionState.Connected)
                {
                    await pull.PullAsync(batch - pending, options.MaxBytes, options.Expires, false, options.IdleHeartbeat, cancellationToken);
                }

                var next = await reader.ReadAsync(quiet);
                if (next is not { } pullEvent)
                {
                    if (connection.State == NatsConnectionState.Connected)
                    {
                        Log.PullReset(connection.Logger, Stream, Name, "no message or heartbeat for two heartbeat intervals");
                        pull.ForgetRequests();
                    }

                    continue;
                }

                switch (pullEvent.Kind)
                {
                    case PullEventKind.Message:
                        backoff = TimeSpan.Zero;
                        yield return pullEvent.Msg;
                        break;
                    case PullEventKind.RequestDone when pullEvent.Status == 503:
                        // The consumer (or JetStream) is not there yet, e.g. right after a restart.
                        backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                        await Task.Delay(backoff, connection.Options.TimeProvider, cancellationToken);
                        break;
                    case PullEventKind.Reconnected:
                        Log.PullReset(connection.Logger, Stream, Name, "reconnected");
                        break;
                    case PullEventKind.Terminal:
                        throw pullEvent.Error!;
                    default:
                        break;
                }
            }
        }
        finally
        {
            await connection.UnsubscribeAsync(pull, CancellationToken.None);
        }
    }
}
