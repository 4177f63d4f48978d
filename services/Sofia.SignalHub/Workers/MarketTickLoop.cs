using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.SignalHub.Domain;
using Sofia.SignalHub.Options;
using Sofia.Signals;
using Sofia.Trading;
using Sofia.Trading.Data;

namespace Sofia.SignalHub.Workers;

/// <summary>
/// One market's ticks through the engine: a durable consumer filtered on <c>ticks.{exchange}.{symbol}</c>; each tick is
/// fed, and acked once fed; a bar-closing tick is acked only after the bus has acknowledged that bar's signals (each
/// with its deterministic id as <c>Nats-Msg-Id</c>, so a republish after a crash is stored once). Signals the bus did
/// not take are kept and published again before anything else, so a closed bar's signals are never lost.
/// </summary>
internal sealed class MarketTickLoop(
    MarketPlan market,
    SignalEngine engine,
    IMessageBus bus,
    IMarketHistory? history,
    SignalHubOptions options,
    SignalBook book,
    HubState state,
    SignalHubMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private (IReadOnlyList<StrategySignal> Signals, long Received)? _unpublished;
    private bool _warmedUp = history is null;

    public string Durable { get; } = $"{Durables.SignalHubTicks}-{market.Exchange}-{market.Symbol}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_unpublished is { } pending)
        {
            await PublishAsync(pending.Signals, pending.Received, cancellationToken);
        }

        var filter = Subjects.Ticks(market.Exchange, market.Symbol);
        var consumer = new BusConsumerSpec(Streams.Ticks.Name, Durable, filter)
        {
            AckWait = options.AckWait,
            BatchSize = options.PullBatch,
            DeliverFrom = options.TicksDeliverFrom,
        };
        SignalHubLog.ConsumingTicks(logger, market.Exchange, market.Symbol, Durable, filter);
        await foreach (var message in bus.ConsumeAsync(consumer, cancellationToken))
        {
            var received = time.GetTimestamp();
            Tick tick;
            try
            {
                tick = Tick.Parser.ParseFrom(message.Data.Span);
            }
            catch (InvalidProtocolBufferException e)
            {
                await DeadLetterAsync(message, $"not a sofia.v1.Tick: {e.Message}", cancellationToken);
                continue;
            }

            if (SignalMessages.Problem(tick) is { } problem)
            {
                await DeadLetterAsync(message, problem, cancellationToken);
                continue;
            }

            var trade = SignalMessages.ToTradeTick(tick);
            if (!_warmedUp)
            {
                await WarmUpAsync(trade.TimeUs, cancellationToken);
            }

            var barsBefore = engine.BarsBuiltFor(market.Symbol);
            var signals = engine.OnTick(tick.Exchange, tick.Symbol, trade, tick.TradeId);
            metrics.TickFed(market.Symbol);
            if (engine.BarsBuiltFor(market.Symbol) != barsBefore)
            {
                metrics.BarBuilt(market.Symbol);
                state.SetWarm(market.Symbol, engine.IsWarmFor(market.Symbol));
            }

            if (signals.Count > 0)
            {
                _unpublished = (signals, received);
                await PublishAsync(signals, received, cancellationToken);
            }

            await message.AckAsync(cancellationToken);
        }
    }

    /// <summary>Loads the bars just before the first live one, enough for every strategy of the market to be warm.</summary>
    private async Task WarmUpAsync(long firstTickUs, CancellationToken cancellationToken)
    {
        var interval = engine.Plan.BarInterval;
        var intervalUs = BarTime.IntervalUs(interval);
        var firstBarUs = BarTime.AlignDown(firstTickUs, intervalUs);

        // As many bars as the engine keeps (at least what warms every strategy): stateful strategies (a target set by a
        // cross long ago) then match an uninterrupted run over those bars. Twice the span, so gaps (an exchange halt)
        // still leave enough.
        var needed = Math.Max(Math.Max(1, engine.RequiredHistoryBars(market.Symbol)), options.HistoryBars);
        var fromUs = firstBarUs - (2L * needed * intervalUs);
        state.LoadingHistory = true;
        var bars = new List<Bar>();
        try
        {
            var resampler = new BarResampler(interval);
            await foreach (var minute in history!.ReadMinuteBarsAsync(market.Exchange, market.Symbol, fromUs, firstBarUs, cancellationToken))
            {
                if (resampler.Add(minute, out var completed))
                {
                    bars.Add(completed);
                }
            }

            if (resampler.Flush(out var last))
            {
                bars.Add(last);
            }

            var used = Math.Min(bars.Count, needed);
            engine.WarmUp(market.Exchange, market.Symbol, bars.GetRange(bars.Count - used, used));
            var warm = engine.IsWarmFor(market.Symbol);
            SignalHubLog.WarmedUp(logger, market.Exchange, market.Symbol, used, firstBarUs, warm);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            SignalHubLog.WarmUpFailed(logger, market.Exchange, market.Symbol, e);
        }
        finally
        {
            state.LoadingHistory = false;
        }

        _warmedUp = true;
        state.SetWarm(market.Symbol, engine.IsWarmFor(market.Symbol));
    }

    private async Task PublishAsync(IReadOnlyList<StrategySignal> signals, long received, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var emittedUs = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
                var acks = new Task<BusPublishAck>[signals.Count];
                for (var i = 0; i < signals.Count; i++)
                {
                    var signal = signals[i];
                    var payload = SignalMessages.ToProto(signal, emittedUs).ToByteArray();
                    acks[i] = bus.PublishAsync(new BusEnvelope(SignalMessages.SubjectOf(signal), payload, signal.Id, SignalMessages.SignalType), cancellationToken).AsTask();
                }

                await Task.WhenAll(acks);
                break;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                delay = delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
                SignalHubLog.PublishFailed(logger, signals[0].BarOpenTimeUs, market.Symbol, attempt, delay.TotalMilliseconds, e);
                await Task.Delay(delay, time, cancellationToken);
            }
        }

        _unpublished = null;
        var elapsed = time.GetElapsedTime(received);
        metrics.TickToSignal(elapsed);
        foreach (var signal in signals)
        {
            metrics.SignalPublished(signal.Strategy);
            book.Record(signal);
        }

        SignalHubLog.Published(logger, signals.Count, signals[0].BarOpenTimeUs, market.Symbol, elapsed.TotalMilliseconds);
    }

    private async Task DeadLetterAsync(IBusMessage message, string reason, CancellationToken cancellationToken)
    {
        SignalHubLog.DeadLettered(logger, message.StreamSequence, message.Subject, reason);
        await bus.DeadLetterAsync(message, Streams.Ticks.Name, Durable, reason, cancellationToken);
    }
}
