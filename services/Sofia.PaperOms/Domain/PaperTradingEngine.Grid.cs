using Sofia.Contracts.V1;
using Sofia.Signals;
using Sofia.Trading;
using Sofia.Trading.Strategies;
using CoreOrder = Sofia.Trading.Execution.Order;
using CoreOrderType = Sofia.Trading.Execution.OrderType;
using OrderSide = Sofia.Trading.Execution.OrderSide;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// Order-placing strategies (grid) the OMS runs itself, because they decide on their book's position. Each trades in
/// its own book: at the tick closing a bar (the same tick a signal for that bar fills at) its cancels apply and its
/// limit orders rest in the book's simulator, filled by later ticks. Order ids are
/// <c>{strategy}:{exchange}:{symbol}:{barOpenUs}:order:{index}</c>. Every decision is recorded with its bar and the
/// account the strategy read, so a rebuild replays the strategies to the state they had.
/// </summary>
internal sealed partial class PaperTradingEngine : IStrategyAccount
{
    private readonly SignalEngine? _orderStrategies;
    private readonly Dictionary<string, StrategyAccountState> _reads = new(StringComparer.Ordinal);
    private readonly List<PaperSignalHandled> _restoredGrid = [];
    private readonly List<OrderStrategyResume> _resumePoints = [];
    private readonly Dictionary<string, decimal> _lastFedPrices = new(StringComparer.Ordinal);
    private bool _replayingGrid;

    /// <summary>
    /// After a rebuild: per market of an order strategy, where its open bar's ticks start (in the TICKS stream and in
    /// exchange time). They were acknowledged before the restart (or precede a replay's window), so the caller feeds them
    /// again with <see cref="ResumeOrderStrategies"/>.
    /// </summary>
    public IReadOnlyList<OrderStrategyResume> ResumePoints => _resumePoints;

    /// <summary>Feeds a tick of an open bar (after a rebuild) to the order strategies only; nothing is traded.</summary>
    public void ResumeOrderStrategies(in PaperTick tick)
    {
        if (_orderStrategies is null)
        {
            return;
        }

        _replayingGrid = true;
        _ = DecideOnTick(tick);
        _replayingGrid = false;
        _reads.Clear();
    }

    /// <summary>An engine that also runs the order-placing strategies of <paramref name="plan"/> (none when null).</summary>
    public PaperTradingEngine(PaperEngineSettings settings, StrategyPlan? plan)
        : this(settings)
    {
        var orders = plan is null ? null : OrderStrategiesOf(plan);
        if (orders is not null)
        {
            _orderStrategies = new SignalEngine(orders, new SignalEngineOptions { IncludeOrderStrategies = true, Account = this, AllowShort = settings.AllowShort });
        }
    }

    /// <summary>The plan's order-placing strategies alone (no fusion), or null when it has none.</summary>
    public static StrategyPlan? OrderStrategiesOf(StrategyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var markets = plan.Markets
            .Select(m => new MarketPlan(m.Exchange, m.Symbol, [.. m.Strategies.Where(s => s.Style == ExecutionStyle.Orders)], false, m.FusionThreshold))
            .Where(m => m.Strategies.Count > 0)
            .ToList();
        return markets.Count == 0 ? null : new StrategyPlan(plan.BarInterval, markets);
    }

    /// <inheritdoc/>
    StrategyAccountState IStrategyAccount.Read(string strategy, string exchange, string symbol, long barOpenTimeUs)
    {
        var id = StrategySignal.IdFor(strategy, exchange, symbol, barOpenTimeUs);
        var empty = new StrategyAccountState((double)_settings.StartingCashPerBook, 0, 0);
        if (_replayingGrid)
        {
            return _reads.GetValueOrDefault(id, empty);
        }

        var book = _books.GetValueOrDefault(new BookKey(strategy, exchange, symbol).Id);
        var state = empty;
        if (book is not null)
        {
            // Called while the closing tick is fed: the tick fed before it (after a rebuild too) is the bar's close.
            var tape = _markets[book.Market];
            var equity = _lastFedPrices.TryGetValue(book.Market, out var close) ? book.EquityAt(close)
                : tape.NextIndex > 0 ? book.EquityAt(tape.Last.Price) : book.Ledger.Cash;
            state = new StrategyAccountState((double)equity, (double)book.Quantity, book.Simulator.OpenOrderCount);
        }

        _reads[id] = state;
        return state;
    }

    /// <summary>Runs the order strategies on a new tick (before it joins the tape); their decisions wait in their books.</summary>
    private IReadOnlyList<StrategySignal> DecideOnTick(in PaperTick tick)
    {
        if (_orderStrategies is not { } engine || !engine.Handles(tick.Exchange, tick.Symbol))
        {
            return [];
        }

        var decisions = engine.OnTick(tick.Exchange, tick.Symbol, new TradeTick(tick.TimeUs, (double)tick.Price, (double)tick.Quantity, false), tick.TradeId);
        _lastFedPrices[BookKey.MarketKey(tick.Exchange, tick.Symbol)] = tick.Price;
        return decisions;
    }

    /// <summary>Queues each decision in its book; called after the closing tick joined the tape, before the books step.</summary>
    private void QueueDecisions(IReadOnlyList<StrategySignal> decisions, MarketTape tape)
    {
        // The hot path (no order strategy, or no bar closed) allocates nothing.
        if (decisions.Count == 0)
        {
            return;
        }

        for (var d = 0; d < decisions.Count; d++)
        {
            var signal = decisions[d];
            if (signal.Style != ExecutionStyle.Orders)
            {
                continue;
            }

            var state = _reads.Remove(signal.Id, out var read) ? read : new StrategyAccountState((double)_settings.StartingCashPerBook, 0, 0);
            var key = new BookKey(signal.Strategy, signal.Exchange, signal.Symbol);
            var book = _books.GetValueOrDefault(key.Id);
            if (book is null)
            {
                book = CreateBook(key, signal.BarIntervalSeconds * 1_000_000L, tape);
                book.LastTickIndex = tape.NextIndex - 2;
                book.NextBarCloseUs = signal.BarOpenTimeUs + (signal.BarIntervalSeconds * 1_000_000L);
            }

            book.Decisions.Enqueue(new GridDecision(signal, state));
        }

        _reads.Clear();
    }

    /// <summary>Applies a decision at <paramref name="tick"/>: its cancels, then its orders (risk-checked), each published.</summary>
    private void ApplyDecision(PaperBook book, GridDecision decision, in PaperTick tick, List<PaperOutput> outputs)
    {
        var signal = decision.Signal;
        EnsureObserved(book, tick, outputs);
        outputs.Add(DecisionRecord(book, decision, tick));
        if (signal.CancelRequested)
        {
            foreach (var open in book.Orders.Values.OrderBy(o => o.Id).ToList())
            {
                book.Simulator.Cancel(open.Id);
                book.Orders.Remove(open.Id);
                outputs.Add(Event(book, open, OrderStatus.Cancelled, tick.TimeUs));
            }
        }

        if (!TradingEnabled)
        {
            return;
        }

        for (var i = 0; i < signal.Orders.Count; i++)
        {
            var wanted = signal.Orders[i];
            var price = Math.Round(wanted.Price, _settings.PriceDecimals, MidpointRounding.AwayFromZero);
            if (wanted.Quantity <= 0m || (wanted.Type != CoreOrderType.Market && price <= 0m))
            {
                continue;
            }

            var order = new CoreOrder(++book.NextOrderId, book.Id, book.Market, wanted.Side, wanted.Type, wanted.Quantity,
                wanted.Type == CoreOrderType.Market ? 0m : price, tick.TimeUs);
            var open = new BookOrder(order.Id, $"{signal.Id}:order:{i}", $"{signal.Id}:intent:{i}", order);
            outputs.Add(Intent(book, signal.Id, open, signal.Exposure, tick));
            book.View.Price = tick.Price;
            var check = book.Risk.Check(order, tick.Price, book.View, tick.TimeUs);
            if (!check.IsAllowed)
            {
                outputs.Add(Event(book, open, OrderStatus.Rejected, tick.TimeUs, check.Code, check.Reason));
                continue;
            }

            book.Orders.Add(order.Id, open);
            book.Simulator.Submit(order);
            outputs.Add(Event(book, open, OrderStatus.Accepted, tick.TimeUs));
        }
    }

    private static PaperOutput DecisionRecord(PaperBook book, GridDecision decision, in PaperTick tick)
    {
        var signal = decision.Signal;
        var bar = signal.Bar.Bar;
        return new PaperOutput(
            PaperSubjects.SignalHandled(book.Key.Strategy, book.Key.Symbol),
            $"{signal.Id}:handled",
            new PaperSignalHandled
            {
                SignalId = signal.Id,
                Strategy = book.Key.Strategy,
                Exchange = book.Key.Exchange,
                Symbol = book.Key.Symbol,
                Outcome = SignalOutcomes.Grid,
                TargetExposure = signal.Exposure,
                BarTimeUs = signal.BarOpenTimeUs,
                BarIntervalSeconds = signal.BarIntervalSeconds,
                TimeUs = tick.TimeUs,
                BookSequence = book.NextSequence(),
                BarOpen = bar.Open,
                BarHigh = bar.High,
                BarLow = bar.Low,
                BarClose = bar.Close,
                BarVolume = bar.Volume,
                BarBuyVolume = signal.Bar.BuyVolume,
                BarTradeCount = signal.Bar.TradeCount,
                AccountEquity = decision.Account.Equity,
                AccountPosition = decision.Account.Position,
                AccountOpenOrders = decision.Account.OpenOrders,
                TickStreamSequence = tick.StreamSequence,
            });
    }

    /// <summary>
    /// Replays the recorded decisions' bars through the order strategies, each reading the account it read then, so
    /// they continue from the state they had; the orders they ask for again are already restored from the records.
    /// </summary>
    private void RestoreOrderStrategies()
    {
        if (_orderStrategies is null || _restoredGrid.Count == 0)
        {
            _restoredGrid.Clear();
            return;
        }

        _replayingGrid = true;
        foreach (var handled in _restoredGrid)
        {
            _reads[handled.SignalId] = new StrategyAccountState(handled.AccountEquity, handled.AccountPosition, handled.AccountOpenOrders);
        }

        var bars = _restoredGrid
            .Where(h => _orderStrategies.Handles(h.Exchange, h.Symbol))
            .DistinctBy(h => (h.Exchange, h.Symbol, h.BarTimeUs))
            .OrderBy(h => h.BarTimeUs);
        foreach (var h in bars)
        {
            var bar = new Bar(h.BarTimeUs, h.BarOpen, h.BarHigh, h.BarLow, h.BarClose, h.BarVolume);
            _orderStrategies.OnBar(h.Exchange, h.Symbol, new Sofia.Trading.Data.AggregatedBar(bar, h.BarBuyVolume, h.BarTradeCount));
        }

        _replayingGrid = false;
        _reads.Clear();
        foreach (var last in _restoredGrid.GroupBy(h => (h.Exchange, h.Symbol)).Select(g => g.MaxBy(h => h.BarTimeUs)!))
        {
            var intervalUs = Math.Max(1, last.BarIntervalSeconds) * 1_000_000L;
            if (last.TickStreamSequence > 0 && _orderStrategies.Handles(last.Exchange, last.Symbol))
            {
                // The tick the last decision applied at opened the bar still being built.
                _resumePoints.Add(new OrderStrategyResume(last.Exchange, last.Symbol, last.TickStreamSequence, last.TimeUs,
                    last.TimeUs - (last.TimeUs % intervalUs) + intervalUs));
            }
        }

        _restoredGrid.Clear();
    }

    /// <summary>
    /// Restored limit orders had rested before the restart: one empty trade strictly between the highest buy and the
    /// lowest sell marks them resting without filling any, so their next fill is a maker fill at the limit, as it
    /// would have been. A book with other open orders, or with crossed limits, is left as it is.
    /// </summary>
    private static void RestLimits(PaperBook book)
    {
        if (book.Orders.Count == 0 || book.Orders.Values.Any(o => o.Order.Type != CoreOrderType.Limit))
        {
            return;
        }

        var buys = book.Orders.Values.Where(o => o.Order.Side == OrderSide.Buy).Select(o => o.Order.Price).ToList();
        var sells = book.Orders.Values.Where(o => o.Order.Side == OrderSide.Sell).Select(o => o.Order.Price).ToList();
        decimal price;
        if (buys.Count > 0 && sells.Count > 0)
        {
            if (buys.Max() >= sells.Min())
            {
                return;
            }

            price = (buys.Max() + sells.Min()) / 2m;
        }
        else
        {
            price = buys.Count > 0 ? buys.Max() * 2m : sells.Min() / 2m;
        }

        var time = book.Orders.Values.Max(o => o.Order.TimeUs);
        _ = book.Simulator.OnTrade(new TradeTick(time, (double)price, 0, false));
    }
}
