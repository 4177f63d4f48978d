using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;

namespace Sofia.Trading.Tests.Backtesting;

public sealed class StreamingMemoryTests
{
    private const int N = 50_000;

    [TestCase("trend")]
    [TestCase("fused")]
    [TestCase("grid")]
    public void Streaming_4N_bars_allocates_and_retains_no_more_than_N_bars(string strategy)
    {
        var options = new BacktestOptions { FeeBps = 10m, RecordTrades = false };
        Measure(strategy, N, options);

        var (allocatedN, retainedN, barsN) = Measure(strategy, N, options);
        var (allocated4N, retained4N, bars4N) = Measure(strategy, 4 * N, options);

        // The heap is the process's: the test host's own threads allocate now and then, so the smallest of three
        // measurements stands for what the run itself retains.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            retainedN = Math.Min(retainedN, Measure(strategy, N, options).Retained);
            retained4N = Math.Min(retained4N, Measure(strategy, 4 * N, options).Retained);
        }

        Assert.That(barsN, Is.EqualTo(N));
        Assert.That(bars4N, Is.EqualTo(4 * N));
        // Fills allocate nothing either; only buffers growing once (order arrays, the sampled curve) may differ.
        Assert.That(allocated4N - allocatedN, Is.LessThan(16 * 1024), $"allocated {allocatedN} B for N bars, {allocated4N} B for 4N");
        Assert.That(Math.Abs(retained4N - retainedN), Is.LessThan(64 * 1024), $"retained {retainedN} B for N bars, {retained4N} B for 4N");
    }

    private static (long Allocated, long Retained, int Bars) Measure(string strategy, int bars, BacktestOptions options)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var backtester = new Backtester(StrategyRegistry.Get(strategy).CreateDefault(), options, [Backtester.DefaultSymbol]);
        foreach (var bar in new SyntheticBars(bars))
        {
            backtester.Step(bar);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(backtester);
        return (allocated, retained, backtester.BarCount);
    }
}
