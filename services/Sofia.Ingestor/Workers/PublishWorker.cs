using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Options;
using Sofia.Messaging;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// Moves messages from the <see cref="PublishBuffer"/> to the bus through a windowed <see cref="IBusPublisher"/>. A send
/// loop publishes as fast as the window allows and hands each message with its ack task to a confirm loop, which
/// records every ack as it arrives (receive → ack latency per tick, no waiting for a whole batch) and sends again,
/// with the same msg id, whatever failed once the bus is back (the id makes a re-send free). At shutdown it runs after
/// intake has stopped and drains the buffer and the outstanding acks until both are empty or the host's shutdown
/// timeout ends.
/// </summary>
internal sealed class PublishWorker(
    PublishBuffer buffer,
    BusConnection bus,
    IngestorMetrics metrics,
    IOptions<IngestorOptions> options,
    TimeProvider clock,
    ILogger<PublishWorker> logger) : BackgroundService
{
    /// <summary>Acks counted into the published metric at once, so the metric is not touched per message.</summary>
    private const int ReportEvery = 1024;

    private readonly CancellationTokenSource _abort = new();
    private Task<bool>? _ticksWait;
    private Task<bool>? _eventsWait;
    private long _published;
    private int _inFlight;
    private int _unreported;
    private bool _fullReported;
    private bool _failing;

    /// <summary>Messages acknowledged since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages sent whose ack has not been confirmed yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosted services stop in reverse order, so the exchange connections have stopped writing by now.
        buffer.Complete();
        await using var abort = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Draining continues after stoppingToken; only the end of the shutdown timeout aborts it.
        var abort = _abort.Token;
        try
        {
            var window = options.Value.PublishBatchSize;
            await using var publisher = await bus.OpenPublisherAsync(window, abort);
            var inFlight = Channel.CreateBounded<PendingAck>(new BoundedChannelOptions(window) { SingleReader = true, SingleWriter = true });
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var confirming = ConfirmAsync(publisher, inFlight.Reader, failed);
            var sending = SendAsync(publisher, inFlight.Writer, failed.Token);
            await Task.WhenAll(confirming, sending);
            IngestorLog.Drained(logger, Published, buffer.Depth + buffer.EventDepth);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            IngestorLog.DrainAbandoned(logger, InFlight + buffer.Depth + buffer.EventDepth);
        }
    }

    private static BusEnvelope Envelope(in OutboundMessage message) => new(message.Subject, message.Payload, message.MsgId, message.MessageType);

    private async Task SendAsync(IBusPublisher publisher, ChannelWriter<PendingAck> inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var sent = 0;
            while (true)
            {
                if ((sent++ & (ReportEvery - 1)) == 0)
                {
                    ReportFullness();
                }

                // Events first: they are few and would otherwise queue behind a burst of ticks.
                if (!buffer.Events.TryRead(out var message) && !buffer.Ticks.TryRead(out message))
                {
                    ReportFullness();
                    if (!await WaitForMessagesAsync(cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                var ack = await publisher.PublishAsync(Envelope(message), cancellationToken);
                Interlocked.Increment(ref _inFlight);
                await inFlight.WriteAsync(new PendingAck(message, ack, 0), cancellationToken);
            }
        }
        finally
        {
            inFlight.TryComplete();
        }
    }

    /// <summary>
    /// Waits until either channel has a message (true) or both are completed and empty (false). A wait that has not
    /// fired yet is kept for the next call, so an idle channel does not collect one waiter per wake-up of the other.
    /// </summary>
    private async ValueTask<bool> WaitForMessagesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var ticks = _ticksWait ??= buffer.Ticks.WaitToReadAsync(cancellationToken).AsTask();
            var events = _eventsWait ??= buffer.Events.WaitToReadAsync(cancellationToken).AsTask();
            var ticksClosed = ticks.IsCompletedSuccessfully && !ticks.Result;
            var eventsClosed = events.IsCompletedSuccessfully && !events.Result;
            if (ticksClosed && eventsClosed)
            {
                return false;
            }

            var first = ticksClosed ? events : eventsClosed ? ticks : await Task.WhenAny(ticks, events);
            if (await first)
            {
                if (first == ticks)
                {
                    _ticksWait = null;
                }
                else
                {
                    _eventsWait = null;
                }

                return true;
            }
        }
    }

    private async Task ConfirmAsync(IBusPublisher publisher, ChannelReader<PendingAck> inFlight, CancellationTokenSource failed)
    {
        var cancellationToken = failed.Token;
        var again = new Queue<PendingAck>();
        try
        {
            while (true)
            {
                if (!again.TryDequeue(out var pending) && !inFlight.TryRead(out pending))
                {
                    ReportPublished();
                    if (!await inFlight.WaitToReadAsync(cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                try
                {
                    var ack = pending.Ack;
                    if (!ack.IsCompleted)
                    {
                        await ack.WaitAsync(cancellationToken);
                    }

                    await ack;
                    Acknowledged(pending.Message);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    again.Enqueue(await SendAgainAsync(publisher, pending, ex, cancellationToken));
                }
            }
        }
        catch
        {
            // The sender must not wait forever for room in a channel nobody reads any more.
            await failed.CancelAsync();
            throw;
        }
        finally
        {
            ReportPublished();
        }
    }

    /// <summary>Waits until the bus is back (and backs off for a message that failed before), then sends the message again with its id.</summary>
    private async Task<PendingAck> SendAgainAsync(IBusPublisher publisher, PendingAck pending, Exception error, CancellationToken cancellationToken)
    {
        metrics.PublishRetries(1);
        if (!_failing)
        {
            _failing = true;
            IngestorLog.PublishRetry(logger, InFlight, error.Message);
            if (error is BusNoStreamException)
            {
                // The stream is gone (deleted by an operator): declare it again before re-sending.
                await bus.EnsureStreamsAsync(cancellationToken);
            }
        }

        if (pending.Attempts > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 50 << Math.Min(pending.Attempts, 6))), clock, cancellationToken);
        }

        while (!bus.IsConnected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }

        var ack = await publisher.PublishAsync(Envelope(pending.Message), cancellationToken);
        return new PendingAck(pending.Message, ack, pending.Attempts + 1);
    }

    private void Acknowledged(in OutboundMessage message)
    {
        if (message.IsTick)
        {
            metrics.PublishLatency(clock.GetElapsedTime(message.ReceivedTimestamp).TotalSeconds);
        }

        _failing = false;
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _published);
        if (++_unreported >= ReportEvery)
        {
            ReportPublished();
        }
    }

    private void ReportPublished()
    {
        if (_unreported > 0)
        {
            metrics.Published(_unreported);
            _unreported = 0;
        }
    }

    private void ReportFullness()
    {
        // Once per episode: a buffer that hovers at its bound would otherwise log at every check.
        if (!_fullReported && buffer.IsFull)
        {
            _fullReported = true;
            IngestorLog.BufferFull(logger, buffer.Depth, buffer.Capacity);
        }
        else if (_fullReported && buffer.Depth < buffer.Capacity / 2)
        {
            _fullReported = false;
        }
    }

    /// <summary>A message on its way and the task of its ack; <paramref name="Attempts"/> counts re-sends.</summary>
    private readonly record struct PendingAck(OutboundMessage Message, Task<BusPublishAck> Ack, int Attempts);
}
