using Microsoft.Extensions.Options;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Options;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// Moves messages from the <see cref="PublishBuffer"/> to JetStream in batches: publish a batch with the async
/// publisher, wait for every ack, and send again whatever was not acknowledged (the msg ids make a re-send free)
/// once NATS is back. At shutdown it runs after intake has stopped and drains the buffer until it is empty or
/// the host's shutdown timeout ends.
/// </summary>
internal sealed class PublishWorker(
    PublishBuffer buffer,
    BusConnection bus,
    IngestorMetrics metrics,
    IOptions<IngestorOptions> options,
    IOptions<NatsClientOptions> natsOptions,
    TimeProvider clock,
    ILogger<PublishWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();
    private long _published;
    private bool _fullReported;

    /// <summary>Messages acknowledged since start.</summary>
    public long Published => Interlocked.Read(ref _published);

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
        var batch = new List<OutboundMessage>(options.Value.PublishBatchSize);
        try
        {
            var js = await bus.ConnectAsync(abort);
            await using var publisher = await js.CreateAsyncPublisherAsync(
                new NatsJsAsyncPublisherOptions
                {
                    MaxPending = options.Value.PublishBatchSize,
                    AckTimeout = TimeSpan.FromSeconds(natsOptions.Value.AckTimeoutSeconds),
                    RetryAttempts = 3,
                },
                abort);
            while (await NextBatchAsync(batch, abort))
            {
                await PublishAsync(publisher, batch, abort);
                batch.Clear();
            }

            IngestorLog.Drained(logger, Published, buffer.Depth + buffer.EventDepth);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            IngestorLog.DrainAbandoned(logger, batch.Count + buffer.Depth + buffer.EventDepth);
        }
    }

    private async ValueTask<bool> NextBatchAsync(List<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        var max = options.Value.PublishBatchSize;
        while (true)
        {
            ReportFullness();
            while (batch.Count < max && buffer.Events.TryRead(out var message))
            {
                batch.Add(message);
            }

            while (batch.Count < max && buffer.Ticks.TryRead(out var message))
            {
                batch.Add(message);
            }

            if (batch.Count > 0)
            {
                return true;
            }

            var ticks = buffer.Ticks.WaitToReadAsync(cancellationToken).AsTask();
            var events = buffer.Events.WaitToReadAsync(cancellationToken).AsTask();
            var first = await Task.WhenAny(ticks, events);
            if (!await first && !await (first == ticks ? events : ticks))
            {
                return false;
            }
        }
    }

    private async Task PublishAsync(NatsJsAsyncPublisher publisher, List<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        var pending = batch;
        for (var attempt = 0; ; attempt++)
        {
            var sent = 0;
            Exception? sendError = null;
            foreach (var message in pending)
            {
                try
                {
                    await publisher.PublishAsync(message.Subject, message.Payload, message.MsgId, cancellationToken);
                    sent++;
                }
                catch (NatsException ex) when (ex is NatsReconnectBufferFullException or NatsConnectionException)
                {
                    sendError = ex;
                    break;
                }
            }

            List<NatsJsPublishFailure>? failures = null;
            try
            {
                await publisher.FlushAsync(cancellationToken);
            }
            catch (NatsJsPublishException ex)
            {
                failures = [.. ex.Failures];
            }

            if (sendError is null && failures is null)
            {
                Acknowledged(batch);
                return;
            }

            pending = Unacknowledged(pending, sent, failures);
            var reason = sendError?.Message ?? failures![0].Error.Message;
            IngestorLog.PublishRetry(logger, pending.Count, reason);
            metrics.PublishRetries(pending.Count);
            await WaitForBusAsync(attempt, cancellationToken);
            if (failures?.Exists(f => f.Error is NatsNoRespondersException) == true)
            {
                // The stream is gone (deleted by an operator): declare it again before re-sending.
                await bus.ConnectAsync(cancellationToken);
            }
        }
    }

    private static List<OutboundMessage> Unacknowledged(List<OutboundMessage> pending, int sent, List<NatsJsPublishFailure>? failures)
    {
        var again = new List<OutboundMessage>();
        if (failures is { Count: > 0 })
        {
            var byId = new Dictionary<string, OutboundMessage>(StringComparer.Ordinal);
            for (var i = 0; i < sent; i++)
            {
                byId.TryAdd(pending[i].MsgId, pending[i]);
            }

            foreach (var failure in failures)
            {
                if (failure.MsgId is not null && byId.Remove(failure.MsgId, out var message))
                {
                    again.Add(message);
                }
            }
        }

        for (var i = sent; i < pending.Count; i++)
        {
            again.Add(pending[i]);
        }

        return again;
    }

    private async Task WaitForBusAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 50 << Math.Min(attempt, 6)));
        await Task.Delay(delay, clock, cancellationToken);
        while (!bus.IsConnected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }
    }

    private void Acknowledged(List<OutboundMessage> batch)
    {
        var now = clock.GetTimestamp();
        foreach (var message in batch)
        {
            if (message.IsTick)
            {
                metrics.PublishLatency(clock.GetElapsedTime(message.ReceivedTimestamp, now).TotalSeconds);
            }
        }

        Interlocked.Add(ref _published, batch.Count);
        metrics.Published(batch.Count);
    }

    private void ReportFullness()
    {
        var full = buffer.IsFull;
        if (full && !_fullReported)
        {
            IngestorLog.BufferFull(logger, buffer.Depth, buffer.Capacity);
        }

        _fullReported = full;
    }
}
