using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Workers;
using Sofia.Signals;
using Sofia.Trading;
using static Sofia.PaperOms.Tests.Domain.GridScenario;

namespace Sofia.PaperOms.Tests.Domain;

/// <summary>The replay of a grid book against the engine that ran it live, for windows starting anywhere in its bars.</summary>
[TestFixture]
public sealed class PaperReplayRunTests
{
    private static readonly PaperEngineSettings Settings = EngineScenario.Settings();

    [TestCase(0, 3)]
    [TestCase(75, 3)]
    [TestCase(100, 2)]
    [TestCase(120.5, 2)]
    [TestCase(150, 2)]
    [TestCase(170, 1)]
    [TestCase(190, 1)]
    public void Replay_of_a_grid_book_from_any_point_gives_the_live_fills_in_its_window(double fromSecond, int fillsInWindow)
    {
        var (records, liveFills) = Live();
        var fromUs = TimeOf(fromSecond);
        var toUs = TimeOf(Trades[^1].Second) + 1;

        var run = Replay(runOrderStrategies: true, fromUs, toUs, records);

        var live = liveFills.Where(f => f.TimeUs >= fromUs).ToList();
        var report = PaperDivergence.Compare(fromUs, toUs, run.TradesReplayed, live, run.Fills, run.LastPrices);
        Assert.Multiple(() =>
        {
            Assert.That(live.Select(Of), Is.EqualTo(Fills.TakeLast(fillsInWindow)), "the hand-worked fills of the window");
            Assert.That(run.Fills.Select(Of), Is.EqualTo(live.Select(Of)));
            Assert.That(run.Fills.Select(f => f.Maker), Is.All.True);
            Assert.That(report.Divergent, Is.False);
        });
    }

    [Test]
    public void Replay_reads_the_trades_of_the_bar_the_grid_has_open_at_the_window_start()
    {
        var (records, _) = Live();
        var fromUs = TimeOf(100);

        var run = new PaperReplayRun(Settings, StrategyPlan.Parse(Plan), true, fromUs, fromUs, fromUs + (3_600 * Second), records);

        // The last decision before 100 s was made at 60.5 s, the trade that opened bar 1; no warm-up is asked for.
        Assert.That(run.ReadFromUs("binance", "BTC-USDT"), Is.EqualTo(TimeOf(60.5)));
        Assert.That(run.ReadFromUs("binance", "ETH-USDT"), Is.EqualTo(fromUs));
    }

    [Test]
    public void Replay_without_the_order_strategies_misses_the_grid_fills_and_reports_them_divergent()
    {
        var (records, liveFills) = Live();
        var fromUs = TimeOf(100);
        var toUs = TimeOf(Trades[^1].Second) + 1;

        var run = Replay(runOrderStrategies: false, fromUs, toUs, records);

        var live = liveFills.Where(f => f.TimeUs >= fromUs).ToList();
        var report = PaperDivergence.Compare(fromUs, toUs, run.TradesReplayed, live, run.Fills, run.LastPrices);
        var book = report.Books.Single();
        Assert.Multiple(() =>
        {
            Assert.That(report.Divergent, Is.True);
            Assert.That(book.LiveFills, Is.EqualTo(2));
            Assert.That(book.ReplayFills, Is.Zero, "the orders restored from before the window rest at 101, 98 and 102, through which nothing trades");
            Assert.That(book.OnlyLive, Has.Count.EqualTo(2));
        });
    }

    /// <summary>The engine running the grid live over the scenario: its records (book, sequence) and its fills.</summary>
    private static (List<(string Book, ulong Sequence, IMessage Record)> Records, List<Fill> Fills) Live()
    {
        var engine = new PaperTradingEngine(Settings, StrategyPlan.Parse(Plan));
        var outputs = new List<PaperOutput>();
        foreach (var tick in Ticks())
        {
            engine.OnTick(tick, outputs);
        }

        var records = outputs.Select(o => o.Message!).Select(m => (Book, PaperCodec.KeyOf(m).Sequence, m)).ToList();
        return (records, EngineScenario.Fills(outputs));
    }

    /// <summary>As the replay service: the stored trades of the market from where the run needs them, oldest first.</summary>
    private static PaperReplayRun Replay(bool runOrderStrategies, long fromUs, long toUs, List<(string Book, ulong Sequence, IMessage Record)> records)
    {
        var run = new PaperReplayRun(Settings, StrategyPlan.Parse(Plan), runOrderStrategies, fromUs, fromUs, toUs, records);
        var readFromUs = run.ReadFromUs("binance", "BTC-USDT");
        foreach (var tick in Ticks().Where(t => t.TimeUs >= readFromUs))
        {
            run.OnTrade("binance", "BTC-USDT", new TradeTick(tick.TimeUs, (double)tick.Price, (double)tick.Quantity, true));
        }

        return run;
    }
}
