using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;
using Sofia.Signals;
using static Sofia.PaperOms.Tests.Domain.EngineScenario;

namespace Sofia.PaperOms.Tests.Domain;

[TestFixture]
public sealed class PaperTradingEngineGridTests
{
    private const string Book = "grid:binance:BTC-USDT";

    // Two levels 1 % apart, 10 % of equity per level, long only (so only buys until there is a position).
    private const string Plan = """
        bar_interval: 1m
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, weight: 1.0 }
              - { name: grid, weight: 1.0, params: { levels: 2, spacing_bps: 100, order_fraction: 0.1, max_inventory: 0.5, rebalance_bars: 1000 } }
        """;

    private static readonly string[] GridAround99Point6 = ["Buy @ 98.604", "Buy @ 97.608"];

    private static readonly PaperEngineSettings GridSettings = Settings() with { AllowShort = false };

    // Bar 0 [0, 60) closes at 100; bar 1 [60, 120) closes at 98.5; bar 2 [120, 180) closes at 99.6.
    // Numbered as the TICKS stream would (a rebuild reads an open bar's ticks again from it).
    private static readonly PaperTick[] Ticks = [.. new[]
    {
        Tick(0.5, 100m), Tick(30, 100m), Tick(60.5, 100m), Tick(90, 98.5m), Tick(120.5, 98.8m), Tick(150, 99.6m), Tick(180.5, 99.6m),
        Tick(200, 98.5m), Tick(240.5, 98.9m),
    }.Select((t, i) => t with { StreamSequence = (ulong)i + 1 })];

    [Test]
    public void Grid_orders_rest_at_their_levels_fill_at_the_limit_with_the_maker_fee_and_are_cancelled_on_relayout()
    {
        var engine = new PaperTradingEngine(GridSettings, StrategyPlan.Parse(Plan));
        var outputs = new List<PaperOutput>();
        foreach (var tick in Ticks.Take(7))
        {
            engine.OnTick(tick, outputs);
        }

        // At 60.5 (bar 0 closed at 100, equity 10 000): buys of 0.1 · 10 000 / 100 = 10 at 99 and 98.
        // At 90 the trade at 98.5 goes through 99: maker fill at 99, fee 990 · 2 bps = 0.198.
        // At 120.5 (bar 1 closed at 98.5, position 10, equity 9009.802 + 985 = 9994.802): the position changed, so the
        // grid is laid out again: the buy at 98 is cancelled; buys of 999.4802 / 98.5 = 10.14700710 at 97.515 and
        // 96.53, and a sell of the 10 held at 99.485.
        // At 150 the trade at 99.6 goes through 99.485: maker fill, fee 994.85 · 2 bps = 0.19897.
        // At 180.5 (flat again) the two buys are cancelled and a new grid is laid out around 99.6.
        var fills = Fills(outputs);
        Assert.That(fills.Select(f => $"{f.FillId} {f.Side} {f.Quantity.ToDecimal()} @ {f.Price.ToDecimal()} fee {f.Fee.ToDecimal()} maker {f.Maker} t {f.TimeUs}"), Is.EqualTo(new[]
        {
            $"{Book}:0:order:0:fill:1 Buy 10 @ 99 fee 0.198 maker True t {90 * Second}",
            $"{Book}:60000000:order:1:fill:1 Sell 10 @ 99.485 fee 0.19897 maker True t {150 * Second}",
        }));

        var intents = outputs.Select(o => o.Message).OfType<OrderIntent>().Where(i => i.SignalId == $"{Book}:60000000").ToList();
        Assert.That(intents.Select(i => $"{i.IntentId} {i.Type} {i.Side} {i.Quantity.ToDecimal()} @ {i.Price.ToDecimal()}"), Is.EqualTo(new[]
        {
            $"{Book}:60000000:intent:0 Limit Buy 10.14700710 @ 97.515",
            $"{Book}:60000000:intent:1 Limit Sell 10 @ 99.485",
            $"{Book}:60000000:intent:2 Limit Buy 10.14700710 @ 96.53",
        }));

        var cancelled = Events(outputs).Where(e => e.Status == OrderStatus.Cancelled).Select(e => $"{e.OrderId} t {e.TimeUs}");
        Assert.That(cancelled, Is.EqualTo(new[]
        {
            $"{Book}:0:order:1 t {120.5 * Second}",
            $"{Book}:60000000:order:0 t {180.5 * Second}",
            $"{Book}:60000000:order:2 t {180.5 * Second}",
        }));

        var book = engine.FindBook(Book)!;
        Assert.Multiple(() =>
        {
            Assert.That(book.Ledger.Cash, Is.EqualTo(10_000m - 990m - 0.198m + 994.85m - 0.19897m));
            Assert.That(book.Quantity, Is.Zero);
            Assert.That(book.Orders.Values.OrderByDescending(o => o.Order.Price).Select(o => $"{o.Order.Side} @ {o.Order.Price}"), Is.EqualTo(GridAround99Point6));
            Assert.That(engine.FindBook("trend:binance:BTC-USDT"), Is.Null, "signal-style strategies are the signal hub's");
        });
    }

    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public void A_restart_restores_the_resting_orders_and_the_strategy_and_gives_identical_records_afterwards(int ticksBefore)
    {
        var live = new PaperTradingEngine(GridSettings, StrategyPlan.Parse(Plan));
        var before = new List<PaperOutput>();
        foreach (var tick in Ticks.Take(ticksBefore))
        {
            live.OnTick(tick, before);
        }

        var restored = new PaperTradingEngine(GridSettings, StrategyPlan.Parse(Plan));
        foreach (var record in before.Select(o => o.Message).OfType<IMessage>())
        {
            restored.Restore(record);
        }

        var completion = new List<PaperOutput>();
        restored.CompleteRestore(completion);
        Assert.That(completion, Is.Empty, "nothing was interrupted");

        // As the worker: the open bar's ticks again from the stream, from the tick that opened it.
        foreach (var point in restored.ResumePoints)
        {
            foreach (var tick in Ticks.Where(t => t.StreamSequence >= point.FromSequence && t.TimeUs < point.UntilTimeUs))
            {
                restored.ResumeOrderStrategies(tick);
            }
        }

        Assert.That(restored.FindBook(Book)!.Orders.Values.Select(o => o.OrderId),
            Is.EqualTo(live.FindBook(Book)!.Orders.Values.Select(o => o.OrderId)), "the resting orders are back");

        var after = new List<PaperOutput>();
        var restoredAfter = new List<PaperOutput>();
        foreach (var tick in Ticks.Skip(ticksBefore))
        {
            live.OnTick(tick, after);
            restored.OnTick(tick, restoredAfter);
        }

        Assert.That(Fills(after), Is.Not.Empty);
        Assert.That(restoredAfter.Select(Describe), Is.EqualTo(after.Select(Describe)));
        Assert.That(restored.FindBook(Book)!.Ledger.Cash, Is.EqualTo(live.FindBook(Book)!.Ledger.Cash));
    }

    private static string Describe(PaperOutput output) => $"{output.Subject} {output.MessageId} {output.Message}";
}
