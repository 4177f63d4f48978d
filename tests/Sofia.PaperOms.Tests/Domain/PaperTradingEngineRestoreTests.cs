using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;
using Sofia.Trading.Risk;
using static Sofia.PaperOms.Tests.Domain.EngineScenario;
using SignalDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.PaperOms.Tests.Domain;

[TestFixture]
public sealed class PaperTradingEngineRestoreTests
{
    [Test]
    public void Restoring_the_published_records_gives_the_same_ledgers_risk_state_and_k_factor()
    {
        var settings = Settings(new RiskLimits { MaxDrawdown = 0.5m, DailyLossLimit = 0.5m }) with
        {
            Ramp = new KFactorRampSettings { StageDurationUs = 120 * Second, GateDrawdown = 0m, GateLoss = 0m },
        };
        var live = new PaperTradingEngine(settings);
        var outputs = new List<PaperOutput>();
        var price = 100m;
        for (var bar = 600; bar < 1200; bar += 60)
        {
            live.OnTick(Tick(bar + 0.5, price), outputs);
            live.OnTick(Tick(bar + 30, price + 1m), outputs);
            var direction = (bar / 60) % 3 == 0 ? SignalDirection.Flat : (bar / 60) % 3 == 1 ? SignalDirection.Long : SignalDirection.Short;
            live.OnSignal(Signal("trend", bar - 60, direction), outputs);
            live.OnSignal(Signal("fused", bar - 60, SignalDirection.Long, 0.5), outputs);
            price += (bar / 60) % 2 == 0 ? 3m : -2m;
        }

        // The last signal waits for a tick: it is restored as pending and fills after the restart like before.
        live.OnSignal(Signal("trend", 1140, SignalDirection.Long, 0.7), outputs);
        var restored = new PaperTradingEngine(settings);
        foreach (var record in outputs.Where(o => o.Message is not null).Select(o => o.Message!).OrderBy(Sequence))
        {
            restored.Restore(record);
        }

        var completion = new List<PaperOutput>();
        restored.CompleteRestore(completion);
        Assert.That(completion, Is.Empty, "nothing was interrupted");
        Assert.That(Fills(outputs), Has.Count.GreaterThan(5));

        // Both marked by the same next tick, which also fills the pending signal.
        var after = new List<PaperOutput>();
        var restoredAfter = new List<PaperOutput>();
        live.OnTick(Tick(1200.5, 111m), after);
        restored.OnTick(Tick(1200.5, 111m), restoredAfter);
        Assert.That(restoredAfter.Select(Describe), Is.EquivalentTo(after.Select(Describe)), "books are visited in another order; each book's records are the same");
        foreach (var book in live.Books)
        {
            var twin = restored.FindBook(book.Id)!;
            Assert.Multiple(() =>
            {
                Assert.That(twin.Ledger.Cash, Is.EqualTo(book.Ledger.Cash), book.Id);
                Assert.That(twin.Quantity, Is.EqualTo(book.Quantity), book.Id);
                Assert.That(twin.Ledger.RealizedPnl, Is.EqualTo(book.Ledger.RealizedPnl), book.Id);
                Assert.That(twin.Ledger.UnrealizedPnl, Is.EqualTo(book.Ledger.UnrealizedPnl), book.Id);
                Assert.That(twin.Ledger.FeesPaid, Is.EqualTo(book.Ledger.FeesPaid), book.Id);
                Assert.That(twin.Risk.State.PeakEquity, Is.EqualTo(book.Risk.State.PeakEquity), book.Id);
                Assert.That(twin.Risk.State.MaxDrawdown, Is.EqualTo(book.Risk.State.MaxDrawdown), book.Id);
                Assert.That(twin.Risk.State.DayLowEquity, Is.EqualTo(book.Risk.State.DayLowEquity), book.Id);
                Assert.That(twin.Ramp.Stage, Is.EqualTo(book.Ramp.Stage), book.Id);
                Assert.That(twin.ExecutedExposure, Is.EqualTo(book.ExecutedExposure), book.Id);
                Assert.That(twin.Sequence, Is.EqualTo(book.Sequence), book.Id);
            });
        }

        Assert.That(restored.Account.Combined.Equity, Is.EqualTo(live.Account.Combined.Equity));
        Assert.That(live.Books.Max(b => b.Ramp.Stage), Is.GreaterThan(0), "the ramp moved, so the checkpoint carried it");
    }

    [Test]
    public void A_market_order_accepted_but_not_filled_before_a_crash_fills_at_its_tick_on_restore()
    {
        var settings = Settings();
        var live = new PaperTradingEngine(settings);
        var outputs = new List<PaperOutput>();
        live.OnTick(Tick(661, 200m), outputs);
        live.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        var fill = Fills(outputs).Single();

        // The process stopped after publishing the acceptance, before the fill.
        var restored = new PaperTradingEngine(settings);
        foreach (var record in outputs.TakeWhile(o => o.Message is not Sofia.Contracts.V1.Fill).Select(o => o.Message!))
        {
            restored.Restore(record);
        }

        var completion = new List<PaperOutput>();
        restored.CompleteRestore(completion);
        var again = Fills(completion).Single();
        Assert.That(again, Is.EqualTo(fill));
        Assert.That(restored.FindBook(fill.Strategy + ":" + Exchange + ":" + Symbol)!.Ledger.Cash,
            Is.EqualTo(live.FindBook(fill.Strategy + ":" + Exchange + ":" + Symbol)!.Ledger.Cash));
    }

    [Test]
    public void An_order_filled_before_a_crash_that_stopped_its_filled_event_gets_that_event_on_restore()
    {
        var settings = Settings();
        var live = new PaperTradingEngine(settings);
        var outputs = new List<PaperOutput>();
        live.OnTick(Tick(661, 200m), outputs);
        live.OnSignal(Signal("trend", 600, SignalDirection.Long), outputs);
        var filledEvent = outputs.Last(o => o.Message is OrderEvent { Status: OrderStatus.Filled });

        // The process stopped after the fill was stored, before the order's Filled event.
        var restored = new PaperTradingEngine(settings);
        foreach (var record in outputs.Where(o => o != filledEvent && o.Message is not null).Select(o => o.Message!))
        {
            restored.Restore(record);
        }

        var completion = new List<PaperOutput>();
        restored.CompleteRestore(completion);

        Assert.Multiple(() =>
        {
            Assert.That(completion.Where(o => o.Message is OrderEvent or Sofia.Contracts.V1.Fill), Is.EqualTo(new[] { filledEvent }));
            var key = Fills(outputs).Single().Strategy + ":" + Exchange + ":" + Symbol;
            Assert.That(restored.FindBook(key)!.Orders, Is.Empty);
            Assert.That(restored.FindBook(key)!.Ledger.Cash, Is.EqualTo(live.FindBook(key)!.Ledger.Cash));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void A_restart_in_the_middle_of_a_tick_trades_every_signal_once_at_the_tick_that_closed_its_bar(int publishedOfTheTick)
    {
        // Trend signals arrive before the tick that closes their bar (pending), fused ones a bar after it (late).
        var inputs = new List<object>();
        for (var bar = 600; bar < 1800; bar += 60)
        {
            inputs.Add(Tick(bar + 0.5, 100m + ((bar / 60) % 7)));
            inputs.Add(Signal("fused", bar - 120, (bar / 60) % 2 == 0 ? SignalDirection.Long : SignalDirection.Short, 0.5));
            inputs.Add(Tick(bar + 30, 101m + ((bar / 60) % 5)));
            inputs.Add(Signal("trend", bar, (bar / 60) % 3 == 0 ? SignalDirection.Short : SignalDirection.Long));
        }

        var live = new PaperTradingEngine(Settings());
        var liveOutputs = new List<PaperOutput>();
        foreach (var input in inputs)
        {
            Feed(live, input, liveOutputs);
        }

        // The process dies while publishing the records of the tick that closes bar 1140: the first records are
        // stored, the rest are not; the tick is delivered again after the restart, then the fused signal of bar 1080,
        // whose closing tick (1140.5) came before the restart.
        var crashAt = inputs.FindIndex(i => i is PaperTick t && t.TimeUs == 1200 * Second + (Second / 2));
        var stored = new List<PaperOutput>();
        var before = new PaperTradingEngine(Settings());
        for (var i = 0; i < crashAt; i++)
        {
            Feed(before, inputs[i], stored);
        }

        var ofTheTick = new List<PaperOutput>();
        Feed(before, inputs[crashAt], ofTheTick);
        Assume.That(ofTheTick, Has.Count.GreaterThan(publishedOfTheTick), "the tick checkpoints both books and fills the trend signal");
        stored.AddRange(ofTheTick.Take(publishedOfTheTick));
        var restored = new PaperTradingEngine(Settings());
        foreach (var record in stored.Where(o => o.Message is not null).Select(o => o.Message!).OrderBy(Sequence))
        {
            restored.Restore(record);
        }

        restored.CompleteRestore(stored);
        foreach (var input in inputs.Skip(crashAt))
        {
            Feed(restored, input, stored);
        }

        Assert.That(Fills(liveOutputs), Has.Count.GreaterThan(10));
        Assert.That(Fills(stored).Select(f => f.FillId), Is.Unique, "no signal traded twice");
        Assert.That(Fills(stored).Select(DescribeFill), Is.EquivalentTo(Fills(liveOutputs).Select(DescribeFill)));
        foreach (var book in live.Books)
        {
            var twin = restored.FindBook(book.Id)!;
            Assert.Multiple(() =>
            {
                Assert.That(twin.Ledger.Cash, Is.EqualTo(book.Ledger.Cash), book.Id);
                Assert.That(twin.Quantity, Is.EqualTo(book.Quantity), book.Id);
                Assert.That(twin.Ledger.Equity, Is.EqualTo(book.Ledger.Equity), book.Id);
            });
        }
    }

    private static void Feed(PaperTradingEngine engine, object input, List<PaperOutput> outputs)
    {
        if (input is PaperTick tick)
        {
            engine.OnTick(tick, outputs);
        }
        else
        {
            engine.OnSignal((PaperSignal)input, outputs);
        }
    }

    private static string DescribeFill(Sofia.Contracts.V1.Fill fill) =>
        $"{fill.FillId} {fill.Side} {fill.Quantity.ToDecimal()} @ {fill.Price.ToDecimal()} fee {fill.Fee.ToDecimal()} t {fill.TimeUs}";

    private static string Describe(PaperOutput output) => $"{output.Subject} {output.MessageId} {output.Message}";

    private static (string, ulong) Sequence(IMessage record) => record switch
    {
        PaperSignalHandled m => (m.Strategy, m.BookSequence),
        OrderIntent m => (m.Strategy, m.BookSequence),
        OrderEvent m => (m.Strategy, m.BookSequence),
        Sofia.Contracts.V1.Fill m => (m.Strategy, m.BookSequence),
        PaperBookCheckpoint m => (m.Strategy, m.BookSequence),
        _ => throw new ArgumentException(record.Descriptor.FullName),
    };
}
