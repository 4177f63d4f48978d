using System.Threading.Channels;
using Polly;
using Sofia.Contracts;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.TickWriter.Domain;
using Sofia.TickWriter.Options;
using Sofia.TickWriter.Storage;

namespace Sofia.TickWriter.Workers;

/// <summary>
/// Consume, decode, batch, insert, then acknowledge. A batch is acknowledged only after the store took it, so a
/// crash in between redelivers it and the store's key (exchange, symbol, trade id) makes the second copy harmless.
/// While the store fails, the batch is retried with backoff behind a circuit breaker and every message held is
/// kept alive with in-progress acks, so nothing is redelivered meanwhile and nothing is lost.
/// </summary>
internal sealed partial class TickPipeline
{
    private static readonly TimeSpan ConsumerInfoInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ConsumerInfoFirstRetry = TimeSpan.FromMilliseconds(20);

    private readonly IMessageBus _bus;
    private readonly BusConsumerSpec _consumer;
    private readonly string _deadLetterSubject;
    private readonly IMarketStore _store;
    private readonly TickWriterOptions _options;
    private readonly WriterState _state;
    private readonly TickWriterMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<TickRow> _decoded;
    private readonly Queue<TickRow> _carried = new();
    private readonly List<MarketTick> _ticks = [];
    private readonly ResiliencePipeline _insertPolicy;
    private List<TickRow> _held = [];
    private long _lastKeepAlive;
    private int _failedAttempts;

    public TickPipeline(
        IMessageBus bus,
        BusConsumerSpec consumer,
        IMarketStore store,
        TickWriterOptions options,
        WriterState state,
        TickWriterMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        _bus = bus;
        _consumer = consumer;
        _deadLetterSubject = Subjects.DeadLetter(consumer.Stream, consumer.Durable);
        _store = store;
        _options = options;
        _state = state;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _decoded = Channel.CreateBounded<TickRow>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        _insertPolicy = BuildInsertPolicy();
    }

    /// <summary>Runs after a batch is stored and before it is acknowledged; tests crash here.</summary>
    public Func<IReadOnlyList<TickRow>, CancellationToken, ValueTask>? AfterInsert { get; init; }

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> is cancelled, then stops pulling and drains: the rows already
    /// decoded are stored and acknowledged, for at most <see cref="TickWriterOptions.DrainTimeout"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var failed = new CancellationTokenSource();
        using var intake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, failed.Token);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(failed.Token);
        using var stopping = stoppingToken.Register(() => drain.CancelAfter(_options.DrainTimeout));
        var tasks = new[]
        {
            Guard(ReceiveThenCompleteAsync(intake.Token), failed, stoppingToken),
            Guard(WriteAsync(drain.Token), failed, stoppingToken),
            Guard(WatchConsumerAsync(intake.Token), failed, stoppingToken),
        };
        await Task.WhenAll(tasks);
    }

    private static async Task Guard(Task task, CancellationTokenSource failed, CancellationToken stoppingToken)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // One part failing stops the others; the first error surfaces through Task.WhenAll.
            await failed.CancelAsync();
            throw;
        }
    }

    private async Task ReceiveThenCompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveAsync(cancellationToken);
        }
        finally
        {
            // The batcher stores what is left, then ends.
            _decoded.Writer.TryComplete();
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        await foreach (var msg in _bus.ConsumeAsync(_consumer, cancellationToken))
        {
            var data = msg.Data;
            if (TickDecoder.TryDecode(data.Span, out var f, out var error))
            {
                // The text fields stay slices of the payload, which is valid until the message is acknowledged.
                var tick = new MarketTick(data[f.Exchange], data[f.Symbol], data[f.TradeId], f.Price, f.Quantity, f.Side, f.ExchangeTimeUs, f.ReceiveTimeUs);
                await _decoded.Writer.WriteAsync(new TickRow(msg, tick), cancellationToken);
                continue;
            }

            // Not terminated: on an ack-all consumer a term would also settle the rows before it that are not stored
            // yet. It is settled by its batch's ack instead.
            await _bus.PublishDeadLetterAsync(msg, _consumer.Stream, _consumer.Durable, error!, cancellationToken);
            _metrics.DeadLettered();
            TickWriterLog.DeadLettered(_logger, msg.StreamSequence, _consumer.Stream, msg.Subject, _deadLetterSubject, error!);
            await _decoded.Writer.WriteAsync(new TickRow(msg, default, DeadLettered: true), cancellationToken);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var reader = _decoded.Reader;
        var batch = new List<TickRow>(_options.BatchSize);
        while (true)
        {
            if (_carried.Count == 0 && !await reader.WaitToReadAsync(cancellationToken))
            {
                return;
            }

            var deadline = _time.GetTimestamp() + (long)(_options.BatchDelay.TotalSeconds * _time.TimestampFrequency);
            while (batch.Count < _options.BatchSize)
            {
                while (batch.Count < _options.BatchSize && _carried.TryDequeue(out var carried))
                {
                    batch.Add(carried);
                }

                while (batch.Count < _options.BatchSize && reader.TryRead(out var row))
                {
                    batch.Add(row);
                }

                var left = deadline - _time.GetTimestamp();
                if (batch.Count >= _options.BatchSize || left <= 0 || !await WaitForMoreAsync(reader, left, cancellationToken))
                {
                    break;
                }
            }

            await StoreAsync(batch, cancellationToken);
            batch.Clear();
        }
    }

    private async Task<bool> WaitForMoreAsync(ChannelReader<TickRow> reader, long timestampsLeft, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds((double)timestampsLeft / _time.TimestampFrequency), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task StoreAsync(List<TickRow> batch, CancellationToken cancellationToken)
    {
        _held = batch;
        _lastKeepAlive = _time.GetTimestamp();
        _failedAttempts = 0;
        var started = _time.GetTimestamp();
        _ticks.Clear();
        foreach (var row in batch)
        {
            if (!row.DeadLettered)
            {
                _ticks.Add(row.Tick);
            }
        }

        if (_ticks.Count > 0)
        {
            await _insertPolicy.ExecuteAsync(
                static async (state, token) => await state.Store.InsertAsync(state.Ticks, token),
                (Store: _store, Ticks: _ticks),
                cancellationToken);
        }

        var elapsed = _time.GetElapsedTime(started);
        if (_failedAttempts > 0)
        {
            _state.StorageRecovered();
            TickWriterLog.InsertRecovered(_logger, _failedAttempts + 1);
        }

        if (_ticks.Count > 0)
        {
            _metrics.BatchStored(_ticks.Count, elapsed);
            TickWriterLog.BatchStored(_logger, _ticks.Count, elapsed.TotalSeconds);
        }

        if (AfterInsert is { } hook)
        {
            await hook(batch, cancellationToken);
        }

        await HighestSequence(batch).AckAsync(cancellationToken);

        _held = [];
    }

    // The consumer acks all: the highest sequence covers every row of the batch and everything delivered before it.
    private static IBusMessage HighestSequence(List<TickRow> batch)
    {
        var highest = batch[0].Message;
        foreach (var row in batch)
        {
            if (row.Message.StreamSequence > highest.StreamSequence)
            {
                highest = row.Message;
            }
        }

        return highest;
    }

    private async Task WatchConsumerAsync(CancellationToken cancellationToken)
    {
        var retry = ConsumerInfoFirstRetry;
        while (true)
        {
            var wait = ConsumerInfoInterval;
            try
            {
                _state.ConsumerRead(await _bus.GetConsumerStateAsync(_consumer.Stream, _consumer.Durable, cancellationToken));
                retry = ConsumerInfoFirstRetry;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The consumer is opened concurrently and may not exist yet, or the bus is away: ask again soon (backing
                // off), so the pending gauges appear as soon as there is something to report.
                TickWriterLog.ConsumerInfoFailed(_logger, ex);
                wait = retry;
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, ConsumerInfoInterval.Ticks));
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
