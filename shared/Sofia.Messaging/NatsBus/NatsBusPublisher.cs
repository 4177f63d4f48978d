using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Messaging.NatsBus;

/// <summary>
/// Up to a window of JetStream publishes in flight, each awaiting its own ack. A publish is normally written to the
/// connection before <see cref="PublishAsync"/> returns, so messages from one caller keep their order. It sends through
/// <see cref="NatsJsContext.PublishAsync"/> rather than the async publisher because that one carries only a msg id
/// and the bus also sends the type and further headers.
/// </summary>
internal sealed class NatsBusPublisher(NatsJsContext js, int maxPendingAcks, TimeSpan ackTimeout) : IBusPublisher
{
    private readonly SemaphoreSlim _window = new(maxPendingAcks, maxPendingAcks);
    private readonly CancellationTokenSource _disposed = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public async ValueTask<Task<BusPublishAck>> PublishAsync(BusEnvelope message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        await _window.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _inFlight);
        return SendAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        // Acks still outstanding fail with cancellation rather than keep the publisher alive.
        await _disposed.CancelAsync();
        if (Volatile.Read(ref _inFlight) > 0)
        {
            await _idle.Task;
        }

        _disposed.Dispose();
        _window.Dispose();
    }

    private async Task<BusPublishAck> SendAsync(BusEnvelope message)
    {
        try
        {
            var options = new NatsJsPublishOptions { MsgId = message.MessageId, Timeout = ackTimeout };
            var ack = await js.PublishAsync(message.Subject, message.Data, options, NatsBusHeaders.From(message), _disposed.Token);
            return new BusPublishAck(ack.Stream, ack.Sequence, ack.Duplicate);
        }
        catch (NatsNoRespondersException ex)
        {
            throw new BusNoStreamException(message.Subject, ex);
        }
        finally
        {
            _window.Release();
            if (Interlocked.Decrement(ref _inFlight) == 0 && _disposed.IsCancellationRequested)
            {
                _idle.TrySetResult();
            }
        }
    }
}
