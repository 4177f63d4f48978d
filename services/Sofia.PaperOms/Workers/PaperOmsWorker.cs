using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Options;
using Sofia.Signals;

namespace Sofia.PaperOms.Workers;

/// <summary>
/// Declares the streams, rebuilds the engine from the orders and fills streams, applies the stored kill switch, then
/// feeds signals, ticks and kill-switch changes through one bounded channel into the engine; each input is acknowledged
/// only after every record it produced is stored. After a failure it starts over with a fresh rebuild.
/// </summary>
internal sealed class PaperOmsWorker(
    IMessageBus bus,
    PaperOmsState state,
    IOptions<PaperOmsOptions> options,
    PaperOmsMetrics metrics,
    TimeProvider time,
    ILogger<PaperOmsWorker> logger) : BackgroundService
{
    private const int ChannelCapacity = 1024;
    private const int MaxDeliver = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                state.NotReady(ex.Message);
                PaperOmsLog.Failed(logger, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        state.NotReady("rebuilding state");
        foreach (var stream in PaperCodec.StreamsUsed)
        {
            await bus.EnsureStreamAsync(stream, cancellationToken);
        }

        var control = await bus.KeyValueAsync(KvBuckets.Control, cancellationToken);
        var engine = await RebuildAsync(cancellationToken);
        if (await control.GetAsync(KvBuckets.KillSwitchKey, cancellationToken) is { } stored && Decode(stored) is { } kill)
        {
            engine.SetKillSwitch(kill.Enabled, kill.Reason);
        }

        state.Replace(engine);
        metrics.KillSwitch(engine.KillSwitchEngaged);
        var ackWait = TimeSpan.FromSeconds(options.Value.InputAckWaitSeconds);
        var signalsSpec = new BusConsumerSpec(Streams.Signals.Name, Durables.PaperOmsSignals, Streams.Signals.Subjects[0]) { AckWait = ackWait, MaxDeliver = MaxDeliver };
        var ticksSpec = new BusConsumerSpec(Streams.Ticks.Name, Durables.PaperOmsTicks, Streams.Ticks.Subjects[0]) { AckWait = ackWait, MaxDeliver = MaxDeliver };
        await AwaitInFlightAsync([signalsSpec, ticksSpec], ackWait, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inputs = Channel.CreateBounded<PaperInput>(new BoundedChannelOptions(ChannelCapacity) { SingleReader = true });
        var producers = Task.WhenAll(
            ConsumeAsync(signalsSpec, signals: true, inputs.Writer, stop.Token),
            ConsumeAsync(ticksSpec, signals: false, inputs.Writer, stop.Token),
            WatchKillSwitchAsync(control, inputs.Writer, stop.Token));
        PaperOmsLog.Consuming(logger, Durables.PaperOmsSignals, Durables.PaperOmsTicks);
        state.Ready();
        try
        {
            await ProcessAsync(inputs.Reader, control, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await producers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Inputs delivered to a previous run and never acknowledged come back only after the ack wait, and the server
    /// would meanwhile deliver newer ones: the engine needs each market's ticks and each book's signals in order, so a
    /// run that finds such inputs waits one ack wait first; the server then redelivers them, oldest first, before
    /// anything new.
    /// </summary>
    private async Task AwaitInFlightAsync(BusConsumerSpec[] specs, TimeSpan ackWait, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            BusConsumerState consumer;
            try
            {
                consumer = await bus.GetConsumerStateAsync(spec.Stream, spec.Durable, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // No consumer yet (first start): nothing can be in flight.
                continue;
            }

            if (consumer.AckPending > 0)
            {
                PaperOmsLog.AwaitingRedelivery(logger, consumer.AckPending, spec.Durable, ackWait.TotalSeconds);
                await Task.Delay(ackWait + TimeSpan.FromSeconds(1), time, cancellationToken);
                return;
            }
        }
    }

    private async Task<PaperTradingEngine> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var records = await PaperRecords.ReadAsync(bus, cancellationToken);
        var missing = PaperRecords.FindMissing(records);
        foreach (var gap in missing)
        {
            PaperOmsLog.RecordsMissing(logger, gap.Book, gap.From, gap.To);
        }

        state.MissingRecords = missing;
        var settings = options.Value;
        var plan = settings.RunOrderStrategies && settings.StrategiesPath is { } planPath ? StrategyPlan.Load(planPath) : null;
        var engine = new PaperTradingEngine(settings.ToEngineSettings(), plan);
        foreach (var (_, _, record) in records)
        {
            engine.Restore(record);
        }

        var completion = new List<PaperOutput>();
        engine.CompleteRestore(completion);
        await ResumeOrderStrategiesAsync(engine, cancellationToken);
        var pipeline = NewPipeline(null);
        pipeline.Add(null, completion);
        await pipeline.DrainAsync(cancellationToken);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PaperOmsLog.Rebuilt(logger, records.Count, elapsed, engine.Books.Count, completion.Count);
        return engine;
    }

    /// <summary>
    /// The ticks of each order strategy's open bar were acknowledged before the restart: read them again from the
    /// TICKS stream, from the tick that opened the bar, so the bar closes as it would have.
    /// </summary>
    private async Task ResumeOrderStrategiesAsync(PaperTradingEngine engine, CancellationToken cancellationToken)
    {
        foreach (var point in engine.ResumePoints)
        {
            await foreach (var message in bus.ReadStreamAsync(Streams.Ticks.Name, Subjects.Ticks(point.Exchange, point.Symbol), point.FromSequence, cancellationToken))
            {
                PaperTick tick;
                try
                {
                    tick = PaperCodec.ToTick(message.Data);
                }
                catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException or OverflowException)
                {
                    continue;
                }

                if (tick.TimeUs >= point.UntilTimeUs)
                {
                    break;
                }

                engine.ResumeOrderStrategies(tick);
            }
        }
    }

    private async Task ConsumeAsync(BusConsumerSpec spec, bool signals, ChannelWriter<PaperInput> writer, CancellationToken cancellationToken)
    {
        await foreach (var message in bus.ConsumeAsync(spec, cancellationToken))
        {
            // The last delivery the bus makes: an input that failed every time before is set aside, not lost.
            if (message.DeliveryCount >= MaxDeliver)
            {
                var reason = $"not processed after {message.DeliveryCount} deliveries";
                PaperOmsLog.DeadLettered(logger, message.StreamSequence, message.Subject, reason);
                await bus.DeadLetterAsync(message, spec.Stream, spec.Durable, reason, cancellationToken);
                continue;
            }

            PaperInput input;
            try
            {
                input = signals ? new PaperInput(message, Signal: PaperCodec.ToSignal(message.Data)) : new PaperInput(message, Tick: PaperCodec.ToTick(message.Data) with { StreamSequence = message.StreamSequence });
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException or OverflowException)
            {
                PaperOmsLog.Undecodable(logger, message.StreamSequence, message.Subject, ex);
                await bus.DeadLetterAsync(message, spec.Stream, spec.Durable, $"undecodable: {ex.Message}", cancellationToken);
                continue;
            }

            await writer.WriteAsync(input, cancellationToken);
        }
    }

    private static async Task WatchKillSwitchAsync(IBusKeyValue control, ChannelWriter<PaperInput> writer, CancellationToken cancellationToken)
    {
        await foreach (var entry in control.WatchAsync(KvBuckets.KillSwitchKey, cancellationToken))
        {
            var value = entry.Deleted ? new KillSwitchState(false, "deleted", "kv") : Decode(entry);
            if (value is not null)
            {
                await writer.WriteAsync(new PaperInput(null, KillSwitch: value), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Applies inputs as they come while their records are being stored (<see cref="PaperRecordPipeline"/>): an input
    /// never waits for the round trips of the one before it.
    /// </summary>
    private async Task ProcessAsync(ChannelReader<PaperInput> reader, IBusKeyValue control, CancellationToken cancellationToken)
    {
        var pipeline = NewPipeline(control);
        var outputs = new List<PaperOutput>();
        Task<bool>? inputReady = null;
        while (true)
        {
            while (pipeline.HasRoom && reader.TryRead(out var input))
            {
                outputs.Clear();
                lock (state.Gate)
                {
                    Apply(state.Engine, input, outputs);
                }

                pipeline.Add(input.Message, outputs);
            }

            await pipeline.PumpAsync(cancellationToken);
            if (!pipeline.HasRoom)
            {
                await pipeline.Progress.WaitAsync(cancellationToken);
                continue;
            }

            inputReady ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(inputReady, pipeline.Progress);
            if (inputReady.IsCompleted)
            {
                if (!await inputReady)
                {
                    await pipeline.DrainAsync(cancellationToken);
                    return;
                }

                inputReady = null;
            }
        }
    }

    private void Apply(PaperTradingEngine engine, PaperInput input, List<PaperOutput> outputs)
    {
        if (input.Signal is { } signal)
        {
            if (!engine.OnSignal(signal, outputs))
            {
                metrics.DuplicateSignal();
            }
        }
        else if (input.Tick is { } tick && !engine.OnTick(tick, outputs))
        {
            PaperOmsLog.StaleTick(logger, tick.TradeId, tick.Exchange, tick.Symbol);
        }
        else if (input.KillSwitch is { } kill && kill.Enabled != engine.KillSwitchEngaged)
        {
            engine.SetKillSwitch(kill.Enabled, kill.Reason);
            metrics.KillSwitch(kill.Enabled);
            if (kill.Enabled)
            {
                PaperOmsLog.KillSwitchEngaged(logger, kill.Reason);
            }
            else
            {
                PaperOmsLog.KillSwitchReleased(logger);
            }
        }
    }

    private PaperRecordPipeline NewPipeline(IBusKeyValue? control) => new(bus.PublishAsync, async (reason, cancellationToken) =>
    {
        PaperOmsLog.KillSwitchEngaged(logger, reason);
        metrics.KillSwitch(true);
        control ??= await bus.KeyValueAsync(KvBuckets.Control, cancellationToken);
        await control.PutAsync(KvBuckets.KillSwitchKey, Encode(new KillSwitchState(true, reason, Sofia.Trading.Risk.RiskReasonCodes.DailyLossLimit)), cancellationToken);
    }, metrics.Published, time);

    public static byte[] Encode(KillSwitchState value) => JsonSerializer.SerializeToUtf8Bytes(value, PaperJson.Default.KillSwitchState);

    public static KillSwitchState? Decode(BusKvEntry entry)
    {
        try
        {
            return entry.Value.IsEmpty ? null : JsonSerializer.Deserialize(entry.Value.Span, PaperJson.Default.KillSwitchState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
