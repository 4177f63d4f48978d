using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Trading;
using Sofia.Trading.Execution;
using Sofia.Trading.Risk;
using Sofia.Trading.Sizing;
using CoreFill = Sofia.Trading.Execution.Fill;
using CoreOrder = Sofia.Trading.Execution.Order;
using WireFill = Sofia.Contracts.V1.Fill;

namespace Sofia.PaperOms.Domain;

/// <summary>Per-book stepping: checkpoints at bar closes, signal resolution, fills and the records they publish.</summary>
internal sealed partial class PaperTradingEngine
{
    private void Advance(PaperBook book, MarketTape tape, List<PaperOutput> outputs)
    {
        while (book.LastTickIndex < tape.NextIndex - 1)
        {
            var index = Math.Max(book.LastTickIndex + 1, tape.FirstIndex);
            book.LastTickIndex = index;
            Step(book, tape, index, outputs);
        }
    }

    private void Step(PaperBook book, MarketTape tape, long index, List<PaperOutput> outputs)
    {
        var tick = tape[index];
        if (tick.TimeUs >= book.NextBarCloseUs)
        {
            Checkpoint(book, tick, barClose: true, outputs);
        }

        var resolved = false;
        while (book.Pending.Count > 0 && book.Pending.Peek().CloseTimeUs <= tick.TimeUs)
        {
            Resolve(book, book.Pending.Dequeue(), tape, index, outputs);
            resolved = true;
        }

        while (book.Decisions.Count > 0 && book.Decisions.Peek().Signal.BarOpenTimeUs + book.IntervalUs <= tick.TimeUs)
        {
            ApplyDecision(book, book.Decisions.Dequeue(), tick, outputs);
            resolved = false;
        }

        // Resolving already ran every open order against this tick.
        if (!resolved && book.Simulator.OpenOrderCount > 0)
        {
            FillAt(book, tick, outputs);
        }
    }

    /// <summary>Records the book's equity at <paramref name="tick"/> for its risk rules and steps the K-factor ramp at a bar close.</summary>
    private void Checkpoint(PaperBook book, in PaperTick tick, bool barClose, List<PaperOutput> outputs)
    {
        var equity = book.EquityAt(tick.Price);
        book.Risk.State.Observe(tick.TimeUs, equity);
        book.LastObservedUs = tick.TimeUs;
        book.LastObservedEquity = equity;
        string? change = null;
        if (barClose)
        {
            change = book.Ramp.Step(tick.TimeUs, equity);
            book.NextBarCloseUs = tick.TimeUs - (tick.TimeUs % book.IntervalUs) + book.IntervalUs;
        }

        outputs.Add(new PaperOutput(
            PaperSubjects.Checkpoint(book.Key.Strategy, book.Key.Symbol),
            $"{book.Id}:checkpoint:{book.Sequence + 1}",
            new PaperBookCheckpoint
            {
                Strategy = book.Key.Strategy,
                Exchange = book.Key.Exchange,
                Symbol = book.Key.Symbol,
                BookSequence = book.NextSequence(),
                TimeUs = tick.TimeUs,
                MarkPrice = PaperMessages.Exact(tick.Price),
                Equity = PaperMessages.Exact(equity),
                KStage = book.Ramp.Stage,
                KFactor = (double)book.Ramp.Factor,
                StageStartUs = book.Ramp.StageStartUs,
                StageStartEquity = PaperMessages.Exact(book.Ramp.StageStartEquity),
                StagePeakEquity = PaperMessages.Exact(book.Ramp.StagePeakEquity),
                StageChange = change ?? string.Empty,
                BarIntervalSeconds = (int)(book.IntervalUs / 1_000_000),
                NextBarCloseUs = book.NextBarCloseUs,
                TickQuantity = PaperMessages.Exact(tick.Quantity),
                TickTradeId = tick.TradeId,
                TickReceiveTimeUs = tick.ReceiveTimeUs,
            }));

        var limit = _settings.Risk.DailyLossLimit;
        if (limit > 0m && !KillSwitchEngaged && book.Risk.State.DailyLoss > limit)
        {
            var reason = $"{RiskReasonCodes.DailyLossLimit}: book {book.Id} lost {book.Risk.State.DailyLoss:P2} today";
            SetKillSwitch(true, reason);
            outputs.Add(new PaperOutput(string.Empty, string.Empty, null, reason));
        }
    }

    private void EnsureObserved(PaperBook book, in PaperTick tick, List<PaperOutput> outputs)
    {
        if (book.LastObservedUs != tick.TimeUs || book.LastObservedEquity != book.EquityAt(tick.Price))
        {
            Checkpoint(book, tick, barClose: false, outputs);
        }
    }

    private void Resolve(PaperBook book, PaperSignal signal, MarketTape tape, long index, List<PaperOutput> outputs)
    {
        var tick = tape[index];
        EnsureObserved(book, tick, outputs);
        var exposure = _settings.AllowShort ? signal.Exposure : Math.Max(0, signal.Exposure);
        if (!TradingEnabled)
        {
            outputs.Add(Handled(book, signal, SignalOutcomes.Skipped, exposure, tick.TimeUs));
            return;
        }

        if (exposure == book.ExecutedExposure)
        {
            outputs.Add(Handled(book, signal, SignalOutcomes.Unchanged, exposure, tick.TimeUs));
            return;
        }

        // As the backtester: the side from the unslipped price, the size at the price the fill will get on that side.
        var sizer = _sizers[book.Ramp.Stage];
        var current = book.Quantity;
        var side = Target(sizer, exposure, book.EquityAt(tick.Price), tick.Price) >= current ? OrderSide.Buy : OrderSide.Sell;
        var price = _settings.FillModel.ApplySlippage(tick.Price, side, 0m);
        var delta = Target(sizer, exposure, book.EquityAt(price), price) - current;
        if (delta == 0m || (delta > 0m) != (side == OrderSide.Buy))
        {
            book.ExecutedExposure = exposure;
            outputs.Add(Handled(book, signal, SignalOutcomes.Empty, exposure, tick.TimeUs));
            return;
        }

        var order = CoreOrder.Market(++book.NextOrderId, book.Id, book.Market, side, Math.Abs(delta), tick.TimeUs);
        var open = new BookOrder(order.Id, $"{signal.SignalId}:order", $"{signal.SignalId}:intent", order);
        outputs.Add(Intent(book, signal.SignalId, open, exposure, tick));
        book.View.Price = tick.Price;
        var decision = book.Risk.Check(order, tick.Price, book.View, tick.TimeUs);
        if (!decision.IsAllowed)
        {
            outputs.Add(Event(book, open, OrderStatus.Rejected, tick.TimeUs, decision.Code, decision.Reason));
            outputs.Add(Handled(book, signal, SignalOutcomes.Rejected, exposure, tick.TimeUs));
            return;
        }

        book.Orders.Add(order.Id, open);
        book.Simulator.Submit(order);
        book.ExecutedExposure = exposure;
        outputs.Add(Event(book, open, OrderStatus.Accepted, tick.TimeUs));
        outputs.Add(Handled(book, signal, SignalOutcomes.Traded, exposure, tick.TimeUs));
        FillAt(book, tick, outputs);
        for (var i = index + 1; book.Simulator.OpenOrderCount > 0 && i <= book.LastTickIndex; i++)
        {
            FillAt(book, tape[i], outputs);
        }
    }

    private static decimal Target(PositionSizer sizer, double exposure, decimal equity, decimal price)
    {
        if (exposure == 0 || equity <= 0m || price <= 0m)
        {
            return 0m;
        }

        var quantity = sizer.Quantity(new SizingInput((decimal)Math.Abs(exposure) * equity, price));
        return exposure > 0 ? quantity : -quantity;
    }

    private void FillAt(PaperBook book, in PaperTick tick, List<PaperOutput> outputs)
    {
        var fills = book.Simulator.OnTrade(new TradeTick(tick.TimeUs, (double)tick.Price, (double)tick.Quantity, false));
        foreach (var fill in fills)
        {
            Book(book, fill, tick, outputs);
        }
    }

    private void Book(PaperBook book, in CoreFill raw, in PaperTick tick, List<PaperOutput> outputs)
    {
        var open = book.Orders[raw.OrderId];
        var model = _settings.FillModel;
        // Prices and fees are rounded so every fill fits the wire's exact decimals; the ledger books the rounded fill.
        var price = Math.Round(raw.Price, _settings.PriceDecimals, MidpointRounding.AwayFromZero);
        var fee = Math.Round(model.Fee(raw.Quantity * price, raw.Liquidity), _settings.PriceDecimals, MidpointRounding.AwayFromZero);
        var fill = raw with { Price = price, Fee = fee };
        var reference = raw.Liquidity == Liquidity.Maker ? open.Order.Price : tick.Price;
        Account.Apply(fill);
        open.Filled += fill.Quantity;
        open.FillCount++;
        open.LastFillTimeUs = fill.TimeUs;
        var fillId = $"{open.OrderId}:fill:{open.FillCount}";
        var slippage = Math.Abs(price - reference) * fill.Quantity;
        outputs.Add(new PaperOutput(
            Subjects.Fill(book.Key.Strategy, book.Key.Symbol),
            fillId,
            new WireFill
            {
                FillId = fillId,
                OrderId = open.OrderId,
                Strategy = book.Key.Strategy,
                Exchange = book.Key.Exchange,
                Symbol = book.Key.Symbol,
                Side = PaperMessages.ToWire(fill.Side),
                Quantity = PaperMessages.Exact(fill.Quantity),
                Price = PaperMessages.Exact(price),
                Fee = PaperMessages.Exact(fee),
                Slippage = PaperMessages.Exact(slippage),
                Maker = fill.Liquidity == Liquidity.Maker,
                TickTradeId = tick.TradeId,
                TimeUs = fill.TimeUs,
                BookSequence = book.NextSequence(),
                ReferencePrice = PaperMessages.Exact(reference),
                RemainingQuantity = PaperMessages.Exact(open.Remaining),
                TickReceiveTimeUs = tick.ReceiveTimeUs,
            }));
        Remember(new PaperFillRecord(fillId, open.OrderId, book.Key.Strategy, book.Key.Exchange, book.Key.Symbol, fill.Side,
            fill.Quantity, price, fee, slippage, fill.Liquidity == Liquidity.Maker, fill.TimeUs));
        var complete = open.Remaining <= 0m;
        if (complete)
        {
            book.Orders.Remove(open.Id);
        }

        outputs.Add(Event(book, open, complete ? OrderStatus.Filled : OrderStatus.PartiallyFilled, fill.TimeUs));
    }

    private void Remember(PaperFillRecord record)
    {
        _history.Enqueue(record);
        while (_history.Count > _settings.HistorySize)
        {
            _history.Dequeue();
        }
    }

    private static PaperOutput Handled(PaperBook book, PaperSignal signal, string outcome, double exposure, long timeUs) => new(
        PaperSubjects.SignalHandled(book.Key.Strategy, book.Key.Symbol),
        $"{signal.SignalId}:{(outcome == SignalOutcomes.Pending ? outcome : "handled")}",
        new PaperSignalHandled
        {
            SignalId = signal.SignalId,
            Strategy = book.Key.Strategy,
            Exchange = book.Key.Exchange,
            Symbol = book.Key.Symbol,
            Outcome = outcome,
            TargetExposure = outcome == SignalOutcomes.Pending ? signal.Exposure : exposure,
            BarTimeUs = signal.BarTimeUs,
            BarIntervalSeconds = signal.IntervalSeconds,
            TimeUs = timeUs,
            BookSequence = book.NextSequence(),
        });

    private static PaperOutput Intent(PaperBook book, string signalId, BookOrder open, double exposure, in PaperTick tick) => new(
        Subjects.OrderIntent(book.Key.Strategy, book.Key.Symbol),
        open.IntentId,
        new Sofia.Contracts.V1.OrderIntent
        {
            IntentId = open.IntentId,
            SignalId = signalId,
            Strategy = book.Key.Strategy,
            Exchange = book.Key.Exchange,
            Symbol = book.Key.Symbol,
            Side = PaperMessages.ToWire(open.Order.Side),
            Type = PaperMessages.ToWire(open.Order.Type),
            Quantity = PaperMessages.Exact(open.Order.Quantity),
            Price = PaperMessages.Exact(open.Order.Price),
            KFactor = (double)book.Ramp.Factor,
            TimeUs = open.Order.TimeUs,
            BookSequence = book.NextSequence(),
            TargetExposure = exposure,
            TickPrice = PaperMessages.Exact(tick.Price),
            TickQuantity = PaperMessages.Exact(tick.Quantity),
            TickTradeId = tick.TradeId,
            TickReceiveTimeUs = tick.ReceiveTimeUs,
        });

    private static PaperOutput Event(PaperBook book, BookOrder open, OrderStatus status, long timeUs, string code = "", string reason = "")
    {
        var sequence = book.NextSequence();
        return new PaperOutput(
            Subjects.OrderEvent(book.Key.Strategy, book.Key.Symbol),
            $"{open.OrderId}:{status.ToString().ToLowerInvariant()}:{open.FillCount}",
            new OrderEvent
            {
                OrderId = open.OrderId,
                IntentId = open.IntentId,
                Strategy = book.Key.Strategy,
                Exchange = book.Key.Exchange,
                Symbol = book.Key.Symbol,
                Status = status,
                ReasonCode = code,
                Reason = reason,
                FilledQuantity = PaperMessages.Exact(open.Filled),
                RemainingQuantity = PaperMessages.Exact(status == OrderStatus.Rejected ? 0m : open.Remaining),
                TimeUs = timeUs,
                BookSequence = sequence,
            });
    }
}
