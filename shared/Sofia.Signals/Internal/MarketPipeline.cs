using Sofia.Trading;
using Sofia.Trading.Data;
using Sofia.Trading.Indicators;
using Sofia.Trading.Strategies;

namespace Sofia.Signals.Internal;

/// <summary>
/// One market's bar building and strategies. Ticks and bars come from one thread; only promoted parameters arrive
/// from another (<see cref="Promote"/>), and they are taken at the next bar close.
/// </summary>
internal sealed class MarketPipeline
{
    private readonly SignalEngineOptions _options;
    private readonly TimeBarAggregator _aggregator;
    private readonly HashSet<string> _openTradeIds = new(StringComparer.Ordinal);
    private readonly RingBuffer<Bar> _history;
    private readonly StrategyEntry[] _entries;
    private readonly StrategyEntry?[] _pending;
    private readonly StrategySlot?[] _slots;
    private readonly int _intervalSeconds;
    private StrategySlot? _fused;
    private long _liveFromUs = long.MinValue;
    private long _lastClosedOpenUs = long.MinValue;

    public MarketPipeline(MarketPlan plan, TimeSpan interval, SignalEngineOptions options)
    {
        Plan = plan;
        _options = options;
        _aggregator = new TimeBarAggregator(interval);
        _intervalSeconds = (int)interval.TotalSeconds;
        _history = new RingBuffer<Bar>(Math.Max(1, options.HistoryBars));
        _entries = [.. plan.Strategies];
        _pending = new StrategyEntry?[_entries.Length];
        _slots = new StrategySlot?[_entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Style == ExecutionStyle.TargetPosition || options.IncludeOrderStrategies)
            {
                var context = new StrategyContext(1, options.AllowShort, ordersEnabled: options.Account is not null);
                _slots[i] = new StrategySlot(_entries[i].Name, _entries[i].Create(), context);
            }
        }

        if (plan.FusionEnabled && HasVoter())
        {
            _fused = new StrategySlot(Sofia.Contracts.Subjects.FusedStrategyName, BuildFused(), new StrategyContext(1, ordersEnabled: false));
        }
    }

    public MarketPlan Plan { get; }

    public long BarsBuilt { get; private set; }

    public long DroppedTicks { get; private set; }

    public long DuplicateTicks { get; private set; }

    public IReadOnlyList<StrategyEntry> Entries => _entries;

    public bool IsWarm
    {
        get
        {
            foreach (var slot in Slots())
            {
                if (!slot.IsWarm)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public int RequiredHistoryBars => Slots().Select(s => s.Strategy.WarmUpBars).DefaultIfEmpty(0).Max();

    public IReadOnlyList<StrategySignal> OnTick(in TradeTick tick, string? tradeId, SentimentOverlay overlay)
    {
        var start = BarTime.AlignDown(tick.TimeUs, _aggregator.IntervalUs);
        if (start < _liveFromUs)
        {
            DroppedTicks++;
            return [];
        }

        if (tradeId is not null && _aggregator.HasOpenBar && start == _aggregator.OpenBar.Bar.OpenTimeUs && _openTradeIds.Contains(tradeId))
        {
            DuplicateTicks++;
            return [];
        }

        var before = _aggregator.DroppedTrades;
        if (!_aggregator.Add(tick, out var completed))
        {
            if (_aggregator.DroppedTrades != before)
            {
                DroppedTicks++;
            }
            else if (tradeId is not null)
            {
                _openTradeIds.Add(tradeId);
            }

            return [];
        }

        _openTradeIds.Clear();
        if (tradeId is not null)
        {
            _openTradeIds.Add(tradeId);
        }

        BarsBuilt++;
        return Close(completed, overlay);
    }

    public void WarmUp(in Bar bar)
    {
        if (_aggregator.HasOpenBar)
        {
            throw new InvalidOperationException($"Warm-up bars of {Plan.Exchange}/{Plan.Symbol} must come before its live ticks.");
        }

        if (bar.OpenTimeUs <= _lastClosedOpenUs)
        {
            return;
        }

        PromotePending();
        foreach (var slot in Slots())
        {
            slot.Decide(bar, 0);
        }

        Remember(bar);
    }

    public IReadOnlyList<StrategySignal> CloseBar(in AggregatedBar bar, SentimentOverlay overlay)
    {
        if (_aggregator.HasOpenBar)
        {
            throw new InvalidOperationException($"{Plan.Exchange}/{Plan.Symbol} is building a bar from ticks; feed either ticks or bars.");
        }

        return bar.Bar.OpenTimeUs <= _lastClosedOpenUs ? [] : Close(bar, overlay);
    }

    /// <summary>True when a promotion of <paramref name="strategy"/> waits for the next bar close.</summary>
    public bool HasPending(string strategy)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Name == strategy)
            {
                return Volatile.Read(ref _pending[i]) is not null;
            }
        }

        return false;
    }

    /// <summary>Queues <paramref name="entry"/> to replace the entry of the same name at the next bar close.</summary>
    public bool Promote(StrategyEntry entry)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Name == entry.Name)
            {
                Volatile.Write(ref _pending[i], entry);
                return true;
            }
        }

        return false;
    }

    private List<StrategySignal> Close(in AggregatedBar aggregated, SentimentOverlay overlay)
    {
        PromotePending();
        var bar = aggregated.Bar;
        var signals = new List<StrategySignal>(_entries.Length + 1);
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is not { } slot)
            {
                continue;
            }

            var equity = 0.0;
            if (_options.Account is { } account)
            {
                var state = account.Read(slot.Name, Plan.Exchange, Plan.Symbol, bar.OpenTimeUs);
                slot.Context.SetPosition(0, state.Position, state.OpenOrders);
                equity = state.Equity;
            }

            slot.Decide(bar, equity);
            var signal = slot.Context.SignalOf(0);
            if (slot.IsWarm && signal.Reason != SignalReasons.WarmUp)
            {
                signals.Add(new StrategySignal(Id(slot.Name, bar), slot.Name, Plan.Exchange, Plan.Symbol, signal.Direction, signal.Strength, signal.Strength, signal.Reason, aggregated, _intervalSeconds)
                {
                    Style = slot.Strategy.Style,
                    Orders = slot.Context.Orders.IsEmpty ? [] : slot.Context.Orders.ToArray(),
                    CancelRequested = slot.Context.CancelRequested(0),
                });
            }
        }

        if (_fused is { } fused)
        {
            fused.Decide(bar, 0);
            var signal = fused.Context.SignalOf(0);
            if (fused.IsWarm && signal.Reason != SignalReasons.WarmUp)
            {
                var vote = ((FusedStrategy)fused.Strategy).Vote;
                var confidence = overlay.Scale(Plan.Symbol, vote, bar.OpenTimeUs + _aggregator.IntervalUs);
                signals.Add(new StrategySignal(Id(fused.Name, bar), fused.Name, Plan.Exchange, Plan.Symbol, signal.Direction, signal.Strength, confidence, signal.Reason, aggregated, _intervalSeconds));
            }
        }

        Remember(bar);
        return signals;
    }

    private void Remember(in Bar bar)
    {
        _history.Add(bar);
        _lastClosedOpenUs = bar.OpenTimeUs;
        _liveFromUs = bar.OpenTimeUs + _aggregator.IntervalUs;
    }

    private void PromotePending()
    {
        var changed = false;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (Volatile.Read(ref _pending[i]) is null)
            {
                continue;
            }

            var entry = Interlocked.Exchange(ref _pending[i], null)!;
            _entries[i] = entry;
            _slots[i]?.Replace(entry.Create(), _history);
            changed = true;
        }

        if (changed && _fused is not null)
        {
            _fused.Replace(BuildFused(), _history);
        }
    }

    private FusedStrategy BuildFused()
    {
        var members = new List<FusionMember>();
        foreach (var entry in _entries)
        {
            if (entry.Weight > 0)
            {
                members.Add(new FusionMember(entry.Create(), entry.Weight));
            }
        }

        return new FusedStrategy(members, Plan.FusionThreshold);
    }

    private bool HasVoter() => _entries.Any(e => e.Weight > 0);

    private IEnumerable<StrategySlot> Slots()
    {
        foreach (var slot in _slots)
        {
            if (slot is not null)
            {
                yield return slot;
            }
        }

        if (_fused is not null)
        {
            yield return _fused;
        }
    }

    private string Id(string strategy, in Bar bar) => StrategySignal.IdFor(strategy, Plan.Exchange, Plan.Symbol, bar.OpenTimeUs);
}
