using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;
using Sofia.Trading.Risk;
using static Sofia.PaperOms.Tests.Domain.EngineScenario;
using SignalDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.PaperOms.Tests.Domain;

[TestFixture]
public sealed class PaperTradingEngineTests
{
    [Test]
    public void Signal_fills_at_the_tick_that_closed_its_bar_sized_by_the_fraction_times_the_k_factor()
    {
        var engine = new PaperTradingEngine(Settings());
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(650, 100m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        engine.OnTick(Tick(660.5, 200m), outputs);
        engine.OnTick(Tick(661, 210m), outputs);

        // Buy at 200 slipped 5 bps: 200.1. K = 0.25: 0.25 · 10000 / 200.1 = 12.4937… → 12.493 (lot 0.001).
        // Fee 10 bps of 12.493 · 200.1 = 2499.8493 → 2.4998493. Cash 10000 − 2499.8493 − 2.4998493.
        var fill = Fills(outputs).Single();
        Assert.Multiple(() =>
        {
            Assert.That(fill.Price.ToDecimal(), Is.EqualTo(200.1m));
            Assert.That(fill.Quantity.ToDecimal(), Is.EqualTo(12.493m));
            Assert.That(fill.Fee.ToDecimal(), Is.EqualTo(2.4998493m));
            Assert.That(fill.Slippage.ToDecimal(), Is.EqualTo(0.1m * 12.493m));
            Assert.That(fill.TimeUs, Is.EqualTo(660_500_000));
            Assert.That(fill.TickTradeId, Is.EqualTo("t660.5"));
        });

        var ledger = engine.FindBook($"trend:{Exchange}:{Symbol}")!.Ledger;
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Cash, Is.EqualTo(7497.6508507m));
            Assert.That(ledger.PositionQuantity($"{Exchange}:{Symbol}"), Is.EqualTo(12.493m));
            // Marked at the last tick, 210: 12.493 · (210 − 200.1) unrealized.
            Assert.That(ledger.UnrealizedPnl, Is.EqualTo(123.6807m));
            Assert.That(ledger.Equity, Is.EqualTo(7497.6508507m + (12.493m * 210m)));
            Assert.That(engine.Account.Combined.Cash, Is.EqualTo(7497.6508507m));
        });
    }

    [Test]
    public void Signal_arriving_after_its_closing_tick_fills_exactly_as_one_arriving_before()
    {
        var early = Run(signalFirst: true);
        var late = Run(signalFirst: false);
        Assert.That(late, Is.EqualTo(early));
        Assert.That(early, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_signal_handled_once_never_trades_again()
    {
        var engine = new PaperTradingEngine(Settings());
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 100m), outputs);
        Assert.That(engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs), Is.True);
        var count = outputs.Count;
        Assert.That(engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs), Is.False);
        Assert.That(outputs, Has.Count.EqualTo(count));
        Assert.That(Fills(outputs), Has.Count.EqualTo(1));
    }

    [Test]
    public void Restating_the_executed_target_does_not_rebalance()
    {
        var engine = new PaperTradingEngine(Settings());
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 100m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        engine.OnTick(Tick(721, 120m), outputs);
        engine.OnSignal(Signal("trend", 660, SignalDirection.Long), outputs);
        Assert.That(Fills(outputs), Has.Count.EqualTo(1));
        Assert.That(outputs.Select(o => o.Message).OfType<PaperSignalHandled>().Last().Outcome, Is.EqualTo(SignalOutcomes.Unchanged));
    }

    [Test]
    public void Risk_check_rejects_order_when_position_notional_exceeds_limit()
    {
        var engine = new PaperTradingEngine(Settings(new RiskLimits { MaxPositionUsd = 1_000m }));
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 200m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);

        // 12.493 · 200 = 2498.6 notional, above 1000.
        var rejected = Events(outputs).Single();
        Assert.Multiple(() =>
        {
            Assert.That(rejected.Status, Is.EqualTo(OrderStatus.Rejected));
            Assert.That(rejected.ReasonCode, Is.EqualTo(RiskReasonCodes.MaxPositionUsd));
            Assert.That(Fills(outputs), Is.Empty);
        });
    }

    [Test]
    public void Risk_check_rejects_order_when_gross_leverage_exceeds_limit()
    {
        var engine = new PaperTradingEngine(Settings(new RiskLimits { MaxGrossLeverage = 0.2m }));
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 200m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);

        // 2498.6 / 10000 = 0.25 gross leverage, above 0.2.
        Assert.That(Events(outputs).Single().ReasonCode, Is.EqualTo(RiskReasonCodes.MaxGrossLeverage));
    }

    [Test]
    public void Kill_switch_rejects_new_exposure_and_lets_a_position_be_closed()
    {
        var engine = new PaperTradingEngine(Settings());
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 200m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        engine.SetKillSwitch(true, "operator");
        engine.OnTick(Tick(721, 200m), outputs);
        engine.OnSignal(Signal("trend", 660, SignalDirection.Flat), outputs);
        engine.OnTick(Tick(781, 200m), outputs);
        engine.OnSignal(Signal("trend", 720, SignalDirection.Short), outputs);

        var events = Events(outputs);
        Assert.Multiple(() =>
        {
            Assert.That(Fills(outputs), Has.Count.EqualTo(2), "the buy and the closing sell");
            Assert.That(events.Last().Status, Is.EqualTo(OrderStatus.Rejected));
            Assert.That(events.Last().ReasonCode, Is.EqualTo(RiskReasonCodes.KillSwitch));
        });
    }

    [Test]
    public void Daily_loss_beyond_the_limit_trips_the_kill_switch()
    {
        var engine = new PaperTradingEngine(Settings(new RiskLimits { DailyLossLimit = 0.02m }, stages: [1m]));
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 100m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        // Long ≈ 99.9 units from 10000 equity: a 5 % fall at the next bar close loses ≈ 5 %, above 2 %.
        engine.OnTick(Tick(700, 95m), outputs);
        Assert.That(engine.KillSwitchEngaged, Is.False, "no bar closed yet");
        engine.OnTick(Tick(721, 95m), outputs);

        Assert.Multiple(() =>
        {
            Assert.That(engine.KillSwitchEngaged, Is.True);
            Assert.That(engine.KillSwitchReason, Does.StartWith(RiskReasonCodes.DailyLossLimit));
            Assert.That(outputs.Count(o => o.KillSwitchReason is not null), Is.EqualTo(1));
        });
    }

    [Test]
    public void Trading_mode_off_records_signals_as_skipped_without_orders()
    {
        var engine = new PaperTradingEngine(Settings());
        engine.SetTradingEnabled(false);
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 200m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        Assert.Multiple(() =>
        {
            Assert.That(outputs.Select(o => o.Message).OfType<PaperSignalHandled>().Last().Outcome, Is.EqualTo(SignalOutcomes.Skipped));
            Assert.That(outputs.Select(o => o.Message).OfType<OrderIntent>(), Is.Empty);
        });
    }

    [Test]
    public void Short_signal_sells_and_realizes_pnl_when_flattened()
    {
        var engine = new PaperTradingEngine(Settings(stages: [1m]));
        var outputs = new List<PaperOutput>();
        engine.OnTick(Tick(661, 100m), outputs);
        engine.OnSignal(Signal("trend", 600, SignalDirection.Short), outputs);
        engine.OnTick(Tick(721, 90m), outputs);
        engine.OnSignal(Signal("trend", 660, SignalDirection.Flat), outputs);

        // Sell at 100 slipped down 5 bps = 99.95; size 10000 / 99.95 = 100.050… → 100.05.
        // Buy back at 90 slipped up = 90.045: realized (99.95 − 90.045) · 100.05.
        var ledger = engine.FindBook($"trend:{Exchange}:{Symbol}")!.Ledger;
        var fills = Fills(outputs);
        Assert.Multiple(() =>
        {
            Assert.That(fills[0].Quantity.ToDecimal(), Is.EqualTo(100.05m));
            Assert.That(fills[1].Price.ToDecimal(), Is.EqualTo(90.045m));
            Assert.That(ledger.RealizedPnl, Is.EqualTo((99.95m - 90.045m) * 100.05m));
            Assert.That(ledger.PositionQuantity($"{Exchange}:{Symbol}"), Is.Zero);
        });
    }

    private static List<string> Run(bool signalFirst)
    {
        var engine = new PaperTradingEngine(Settings());
        var outputs = new List<PaperOutput>();
        var signals = new[] { Signal("trend", 600, SignalDirection.Long), Signal("trend", 660, SignalDirection.Flat) };
        var ticks = new[] { Tick(659, 100m), Tick(660.2, 101m), Tick(661, 102m), Tick(720.7, 99m), Tick(722, 98m) };
        if (signalFirst)
        {
            engine.OnTick(ticks[0], outputs);
            engine.OnSignal(signals[0], outputs);
            engine.OnTick(ticks[1], outputs);
            engine.OnTick(ticks[2], outputs);
            engine.OnSignal(signals[1], outputs);
            engine.OnTick(ticks[3], outputs);
            engine.OnTick(ticks[4], outputs);
        }
        else
        {
            engine.OnTick(ticks[0], outputs);
            engine.OnTick(ticks[1], outputs);
            engine.OnTick(ticks[2], outputs);
            engine.OnSignal(signals[0], outputs);
            engine.OnTick(ticks[3], outputs);
            engine.OnTick(ticks[4], outputs);
            engine.OnSignal(signals[1], outputs);
        }

        return [.. Fills(outputs).Select(f => $"{f.FillId} {f.Side} {f.Quantity.ToDecimal()} @ {f.Price.ToDecimal()} fee {f.Fee.ToDecimal()} t {f.TimeUs}")];
    }
}
