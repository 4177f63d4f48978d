using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.Trading.Execution;
using CoreFill = Sofia.Trading.Execution.Fill;
using CoreOrder = Sofia.Trading.Execution.Order;
using CoreOrderType = Sofia.Trading.Execution.OrderType;
using SignalDirection = Sofia.Trading.Strategies.SignalDirection;
using WireFill = Sofia.Contracts.V1.Fill;
using WireIntent = Sofia.Contracts.V1.OrderIntent;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// Rebuild: the engine's own records, applied per book in book-sequence order, restore exactly the state that
/// produced them (ledgers from fills, risk observations and K-factor stages from checkpoints, handled and pending
/// signals, open orders). <see cref="CompleteRestore"/> then finishes what a crash interrupted.
/// </summary>
internal sealed partial class PaperTradingEngine
{
    private readonly Dictionary<string, WireIntent> _restoredIntents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PaperTick>> _restoredTicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long TimeUs, TickTradeId TradeId)> _lastCheckpointTicks = new(StringComparer.Ordinal);

    /// <summary>Applies one record; records of one book must come in book-sequence order.</summary>
    public void Restore(IMessage record)
    {
        switch (record)
        {
            case PaperSignalHandled handled:
                RestoreHandled(handled);
                break;
            case WireIntent intent:
                RestoreBook(intent.Strategy, intent.Exchange, intent.Symbol, 0, intent.BookSequence);
                _restoredIntents[intent.IntentId] = intent;
                break;
            case OrderEvent orderEvent:
                RestoreEvent(orderEvent);
                break;
            case WireFill fill:
                RestoreFill(fill);
                break;
            case PaperBookCheckpoint checkpoint:
                RestoreCheckpoint(checkpoint);
                break;
            default:
                throw new ArgumentException($"{record.Descriptor.FullName} is not a paper OMS record.", nameof(record));
        }
    }

    /// <summary>
    /// Puts open orders back into the simulators; a market order accepted at a tick but not yet filled there (the
    /// process stopped in between) fills now at that tick, and an order whose fills are stored without its Filled
    /// event gets that event now, with the same ids, so its records are published once.
    /// </summary>
    public void CompleteRestore(List<PaperOutput> outputs)
    {
        RestoreTapes();
        RestoreOrderStrategies();
        foreach (var book in _books.Values)
        {
            foreach (var open in book.Orders.Values.OrderBy(o => o.Id).ToList())
            {
                if (open.Remaining <= 0m)
                {
                    // Its last fill is stored but the process stopped before the Filled event: that event, now.
                    book.Orders.Remove(open.Id);
                    outputs.Add(Event(book, open, OrderStatus.Filled, open.LastFillTimeUs));
                    continue;
                }

                book.Simulator.Submit(open.Order with { Quantity = open.Remaining });
                if (open.Order.Type == CoreOrderType.Market && open.FillCount == 0
                    && _restoredIntents.TryGetValue(open.IntentId, out var intent) && intent.TickPrice is not null)
                {
                    var tick = new PaperTick(book.Key.Exchange, book.Key.Symbol, intent.TickPrice.ToDecimal(),
                        PaperMessages.Value(intent.TickQuantity), intent.TickTradeId, intent.TimeUs, intent.TickReceiveTimeUs);
                    FillAt(book, tick, outputs);
                }
            }

            RestLimits(book);
        }

        _restoredIntents.Clear();

        // A book that checkpointed at a tick but stopped before resolving the signals due there resolves them now,
        // at that tick: its redelivery is not processed again by this book.
        foreach (var book in _books.Values.Where(b => b.LastTickIndex >= 0 && b.Pending.Count > 0))
        {
            var tape = _markets[book.Market];
            var seen = tape[book.LastTickIndex].TimeUs;
            while (book.Pending.Count > 0 && book.Pending.Peek().CloseTimeUs <= seen)
            {
                var signal = book.Pending.Dequeue();
                Resolve(book, signal, tape, tape.FirstAtOrAfter(signal.CloseTimeUs), outputs);
            }
        }
    }

    /// <summary>
    /// Puts the ticks the checkpoints were taken at back into their markets' tapes, oldest first: each is the first
    /// tick at or after a bar close, the tick a signal for that bar fills at, so a signal that arrives after the
    /// restart fills where it would have without one. Each book has processed the tape up to its own last checkpoint
    /// (a restart in the middle of a tick leaves the books after it behind; the tick's redelivery catches them up).
    /// </summary>
    private void RestoreTapes()
    {
        foreach (var (market, ticks) in _restoredTicks)
        {
            var tape = _markets[market];
            var ordered = ticks.DistinctBy(t => (t.TimeUs, t.TradeId, t.Price)).OrderBy(t => t.TimeUs).ToList();
            foreach (var tick in ordered.Skip(Math.Max(0, ordered.Count - _settings.TickBufferSize)))
            {
                tape.Append(tick);
            }

            LastTickTimeUs = Math.Max(LastTickTimeUs, tape.Last.TimeUs);
            foreach (var book in tape.Books)
            {
                book.LastTickIndex = tape.NextIndex - 1;
                if (_lastCheckpointTicks.TryGetValue(book.Id, out var last))
                {
                    while (book.LastTickIndex >= tape.FirstIndex
                        && (tape[book.LastTickIndex].TimeUs != last.TimeUs || tape[book.LastTickIndex].TradeId != last.TradeId))
                    {
                        book.LastTickIndex--;
                    }
                }
            }
        }

        _restoredTicks.Clear();
        _lastCheckpointTicks.Clear();
    }

    private PaperBook RestoreBook(string strategy, string exchange, string symbol, int intervalSeconds, ulong sequence)
    {
        var key = new BookKey(strategy, exchange, symbol);
        if (!_books.TryGetValue(key.Id, out var book))
        {
            // The first record of a book is always its signal or checkpoint, which carry the interval.
            book = CreateBook(key, Math.Max(1, intervalSeconds) * 1_000_000L, Tape(exchange, symbol));
            book.LastTickIndex = -1;
        }

        book.Sequence = Math.Max(book.Sequence, sequence);
        return book;
    }

    private void RestoreHandled(PaperSignalHandled handled)
    {
        var book = RestoreBook(handled.Strategy, handled.Exchange, handled.Symbol, handled.BarIntervalSeconds, handled.BookSequence);
        _processedSignals.Add(handled.SignalId);
        if (handled.Outcome == SignalOutcomes.Grid)
        {
            _restoredGrid.Add(handled);
            return;
        }

        if (handled.Outcome == SignalOutcomes.Pending)
        {
            var exposure = handled.TargetExposure;
            var direction = exposure > 0 ? SignalDirection.Long : exposure < 0 ? SignalDirection.Short : SignalDirection.Flat;
            book.Pending.Enqueue(new PaperSignal(handled.SignalId, handled.Strategy, handled.Exchange, handled.Symbol, direction,
                Math.Abs(exposure), handled.BarTimeUs, handled.BarIntervalSeconds));
            if (book.NextBarCloseUs == 0)
            {
                book.NextBarCloseUs = book.Pending.Peek().CloseTimeUs;
            }

            return;
        }

        if (book.Pending.Count > 0 && book.Pending.Peek().SignalId == handled.SignalId)
        {
            book.Pending.Dequeue();
        }

        if (handled.Outcome is SignalOutcomes.Traded or SignalOutcomes.Empty)
        {
            book.ExecutedExposure = handled.TargetExposure;
        }
    }

    private void RestoreEvent(OrderEvent orderEvent)
    {
        var book = RestoreBook(orderEvent.Strategy, orderEvent.Exchange, orderEvent.Symbol, 0, orderEvent.BookSequence);
        switch (orderEvent.Status)
        {
            case OrderStatus.Accepted when _restoredIntents.TryGetValue(orderEvent.IntentId, out var intent):
                var order = new CoreOrder(++book.NextOrderId, book.Id, book.Market, PaperMessages.ToCore(intent.Side),
                    PaperMessages.ToCore(intent.Type), intent.Quantity.ToDecimal(), PaperMessages.Value(intent.Price), intent.TimeUs);
                book.Orders.Add(order.Id, new BookOrder(order.Id, orderEvent.OrderId, orderEvent.IntentId, order));
                break;
            case OrderStatus.Filled or OrderStatus.Cancelled:
                var done = book.Orders.Values.FirstOrDefault(o => o.OrderId == orderEvent.OrderId);
                if (done is not null)
                {
                    book.Orders.Remove(done.Id);
                }

                break;
        }
    }

    private void RestoreFill(WireFill wire)
    {
        var book = RestoreBook(wire.Strategy, wire.Exchange, wire.Symbol, 0, wire.BookSequence);
        var open = book.Orders.Values.FirstOrDefault(o => o.OrderId == wire.OrderId);
        var fill = new CoreFill(open?.Id ?? 0, book.Id, book.Market, PaperMessages.ToCore(wire.Side), wire.Quantity.ToDecimal(),
            wire.Price.ToDecimal(), wire.Fee.ToDecimal(), wire.Maker ? Liquidity.Maker : Liquidity.Taker, wire.TimeUs,
            PaperMessages.Value(wire.RemainingQuantity));
        Account.Apply(fill);
        if (open is not null)
        {
            open.Filled += fill.Quantity;
            open.FillCount++;
            open.LastFillTimeUs = wire.TimeUs;
        }

        Remember(new PaperFillRecord(wire.FillId, wire.OrderId, wire.Strategy, wire.Exchange, wire.Symbol, fill.Side, fill.Quantity,
            fill.Price, fill.Fee, PaperMessages.Value(wire.Slippage), wire.Maker, wire.TimeUs));
    }

    private void RestoreCheckpoint(PaperBookCheckpoint checkpoint)
    {
        var book = RestoreBook(checkpoint.Strategy, checkpoint.Exchange, checkpoint.Symbol, checkpoint.BarIntervalSeconds, checkpoint.BookSequence);
        var equity = checkpoint.Equity.ToDecimal();
        book.Risk.State.Observe(checkpoint.TimeUs, equity);
        book.LastObservedUs = checkpoint.TimeUs;
        book.LastObservedEquity = equity;
        book.NextBarCloseUs = checkpoint.NextBarCloseUs;
        var stageStartEquity = PaperMessages.Value(checkpoint.StageStartEquity);
        if (checkpoint.StageStartUs != 0 || stageStartEquity != 0m)
        {
            book.Ramp.Restore(checkpoint.KStage, checkpoint.StageStartUs, stageStartEquity, PaperMessages.Value(checkpoint.StagePeakEquity));
        }
        var mark = checkpoint.MarkPrice.ToDecimal();
        if (!_restoredTicks.TryGetValue(book.Market, out var ticks))
        {
            ticks = [];
            _restoredTicks.Add(book.Market, ticks);
        }

        _lastCheckpointTicks[book.Id] = (checkpoint.TimeUs, checkpoint.TickTradeId);
        ticks.Add(new PaperTick(book.Key.Exchange, book.Key.Symbol, mark, PaperMessages.Value(checkpoint.TickQuantity), checkpoint.TickTradeId,
            checkpoint.TimeUs, checkpoint.TickReceiveTimeUs));
        book.Ledger.Mark(book.Market, mark);
        Account.Combined.Mark(book.Market, mark);
    }
}
