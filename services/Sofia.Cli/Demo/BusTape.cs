using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;

namespace Sofia.Cli.Demo;

/// <summary>
/// Watches the bus as any other consumer would: durable consumers of its own (new messages only) on the ticks,
/// signals, orders and fills streams, counting what passes per strategy. It never changes what the services see.
/// </summary>
internal sealed class BusTape : IAsyncDisposable
{
    private static readonly TimeSpan MinuteUs = TimeSpan.FromMinutes(1);

    private readonly IMessageBus _bus;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StrategyTally> _strategies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Minute, long Bars)> _markets = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BusConsumerSpec> _consumers;
    private Task _loops = Task.CompletedTask;
    private long _ticks;
    private long _firstTickUs;
    private long _lastTickUs;

    private BusTape(IMessageBus bus, string runId)
    {
        _bus = bus;
        _consumers =
        [
            Spec(Streams.Ticks, $"sofia-demo-{runId}-ticks"),
            Spec(Streams.Signals, $"sofia-demo-{runId}-signals"),
            Spec(Streams.Orders, $"sofia-demo-{runId}-orders"),
            Spec(Streams.Fills, $"sofia-demo-{runId}-fills"),
        ];
    }

    /// <summary>The streams it reads, declared here too so that its consumers exist before anything is published.</summary>
    public static IReadOnlyList<StreamDefinition> StreamsRead { get; } = [Streams.Ticks, Streams.Signals, Streams.Orders, Streams.Fills];

    public static async Task<BusTape> StartAsync(IMessageBus bus, string runId, CancellationToken cancellationToken)
    {
        var tape = new BusTape(bus, runId);
        tape._loops = Task.WhenAll(tape._consumers.Select(spec => Task.Run(() => tape.ConsumeAsync(spec, tape._stop.Token), CancellationToken.None)));
        foreach (var spec in tape._consumers)
        {
            await tape.WaitForConsumerAsync(spec, cancellationToken);
        }

        return tape;
    }

    public TapeSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new TapeSnapshot(
                _ticks,
                _markets.Values.Sum(m => m.Bars),
                _lastTickUs,
                _firstTickUs,
                _strategies.ToDictionary(p => p.Key, p => p.Value.Copy(), StringComparer.Ordinal));
        }
    }

    /// <summary>Waits until its consumers have taken and acknowledged everything stored so far.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await DemoDrain.UntilCaughtUpAsync(_bus, [.. _consumers.Select(c => (c.Stream, c.Durable))], timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static BusConsumerSpec Spec(StreamDefinition stream, string durable) =>
        new(stream.Name, durable, null) { DeliverFrom = BusDeliverFrom.New, AckWait = TimeSpan.FromSeconds(60), BatchSize = 512 };

    private async Task WaitForConsumerAsync(BusConsumerSpec spec, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await _bus.GetConsumerStateAsync(spec.Stream, spec.Durable, cancellationToken);
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                // Not created yet: the consume loop creates it on its first pull.
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private async Task ConsumeAsync(BusConsumerSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _bus.ConsumeAsync(spec, cancellationToken))
            {
                Count(message);
                await message.AckAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Count(IBusMessage message)
    {
        var subject = message.Subject;
        var data = message.Data.Span;
        try
        {
            if (subject.StartsWith("ticks.", StringComparison.Ordinal))
            {
                CountTick(Tick.Parser.ParseFrom(data));
            }
            else if (subject.StartsWith("signals.", StringComparison.Ordinal))
            {
                var signal = Signal.Parser.ParseFrom(data);
                lock (_gate)
                {
                    Tally(signal.Strategy).Signals++;
                }
            }
            else if (subject.StartsWith("orders.intent.", StringComparison.Ordinal))
            {
                var intent = OrderIntent.Parser.ParseFrom(data);
                lock (_gate)
                {
                    Tally(intent.Strategy).Intents++;
                }
            }
            else if (subject.StartsWith("orders.event.", StringComparison.Ordinal))
            {
                CountOrderEvent(OrderEvent.Parser.ParseFrom(data));
            }
            else if (subject.StartsWith("fills.", StringComparison.Ordinal))
            {
                CountFill(Fill.Parser.ParseFrom(data));
            }
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // Not ours to judge: the services dead-letter what they cannot read.
        }
    }

    private void CountTick(Tick tick)
    {
        var market = $"{tick.Exchange}:{tick.Symbol}";
        var minute = tick.ExchangeTimeUs / (MinuteUs.Ticks / 10);
        lock (_gate)
        {
            _ticks++;
            _firstTickUs = _firstTickUs == 0 ? tick.ExchangeTimeUs : Math.Min(_firstTickUs, tick.ExchangeTimeUs);
            _lastTickUs = Math.Max(_lastTickUs, tick.ExchangeTimeUs);
            // A bar closes when the first tick of a later minute arrives, as the signal hub closes it.
            if (!_markets.TryGetValue(market, out var state))
            {
                _markets[market] = (minute, 0);
            }
            else if (minute > state.Minute)
            {
                _markets[market] = (minute, state.Bars + 1);
            }
        }
    }

    private void CountOrderEvent(OrderEvent orderEvent)
    {
        if (orderEvent.Status != OrderStatus.Rejected)
        {
            return;
        }

        lock (_gate)
        {
            var tally = Tally(orderEvent.Strategy);
            tally.Rejections++;
            var reason = string.IsNullOrEmpty(orderEvent.ReasonCode) ? "unspecified" : orderEvent.ReasonCode;
            tally.RejectionReasons[reason] = tally.RejectionReasons.GetValueOrDefault(reason) + 1;
        }
    }

    private void CountFill(Fill fill)
    {
        var trade = new DemoTrade(
            fill.Strategy, fill.Exchange, fill.Symbol, fill.Side == Side.Buy ? "buy" : "sell",
            fill.Quantity?.ToDecimal() ?? 0m, fill.Price?.ToDecimal() ?? 0m, fill.Fee?.ToDecimal() ?? 0m, fill.TimeUs);
        lock (_gate)
        {
            var tally = Tally(fill.Strategy);
            tally.Fills++;
            if (tally.Trades.Count < StrategyTally.MaxTrades)
            {
                tally.Trades.Add(trade);
            }
        }
    }

    private StrategyTally Tally(string strategy)
    {
        if (!_strategies.TryGetValue(strategy, out var tally))
        {
            tally = new StrategyTally();
            _strategies[strategy] = tally;
        }

        return tally;
    }
}
