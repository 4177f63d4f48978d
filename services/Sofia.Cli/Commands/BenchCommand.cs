using System.CommandLine;
using System.Diagnostics;
using Sofia.Trading;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Commands;

/// <summary>
/// Hidden <c>sofia bench</c>: backtest throughput on bars preloaded in memory (each pass a fresh backtest over the
/// whole file; medians of repeated runs, by wall clock and by process CPU time) and memory when streaming the file
/// 1× and 10×. Figures go to stdout as JSON lines, progress to stderr.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "1-minute bar file", Required = true };
        var runs = new Option<int>("--runs") { Description = "Measured runs per figure (median reported)", DefaultValueFactory = _ => 7 };
        var seconds = new Option<double>("--seconds") { Description = "Minimum duration of one run", DefaultValueFactory = _ => 0.5 };
        var command = new Command("bench", "Backtest benchmarks (JSON lines on stdout).") { data, runs, seconds };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var path = parse.GetValue(data)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"error: Data file '{path}' does not exist.");
                return ExitCodes.BadInput;
            }

            foreach (var figure in Measure(path, Math.Max(1, parse.GetValue(runs)), parse.GetValue(seconds), error))
            {
                output.WriteLine(figure.ToJson());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<BenchFigure> Measure(string path, int runs, double seconds, TextWriter log)
    {
        var bars = BarFileReader.ReadAll(path);
        log.WriteLine($"bench: {bars.Length} bars from {path}, {runs} runs of at least {seconds} s, {Environment.ProcessorCount} cores");
        foreach (var (metric, name) in new[] { ("ma_crossover", "trend"), ("fused_all_single_symbol", "fused"), ("donchian", "donchian"), ("supertrend", "supertrend"), ("bollinger_revert", "bollinger_revert"), ("rsi_revert", "rsi_revert"), ("grid", "grid") })
        {
            var (wall, cpu) = Throughput(StrategyRegistry.Get(name), bars, runs, seconds);
            log.WriteLine($"bench: {name}: {wall:N0} bars/s wall, {cpu:N0} bars/s of CPU time");
            yield return new BenchFigure($"{metric}_bars_per_s", wall, "bars/s");
            yield return new BenchFigure($"{metric}_bars_per_cpu_s", cpu, "bars/s");
        }

        foreach (var figure in StreamingMemory(path, bars.Length, log))
        {
            yield return figure;
        }
    }

    private static (double Wall, double Cpu) Throughput(StrategyDescriptor descriptor, Bar[] bars, int runs, double seconds)
    {
        var options = new BacktestOptions { FeeBps = 10m, RecordTrades = false };
        Pass(descriptor, bars, options);
        var walls = new double[runs];
        var cpus = new double[runs];
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long processed = 0;
            do
            {
                processed += Pass(descriptor, bars, options);
            }
            while (clock.Elapsed.TotalSeconds < seconds);

            clock.Stop();
            process.Refresh();
            walls[r] = processed / clock.Elapsed.TotalSeconds;
            cpus[r] = processed / Math.Max(1e-9, (process.TotalProcessorTime - cpuStart).TotalSeconds);
        }

        return (Median(walls), Median(cpus));
    }

    private static int Pass(StrategyDescriptor descriptor, Bar[] bars, BacktestOptions options)
    {
        var backtester = new Backtester(descriptor.CreateDefault(), options, [Backtester.DefaultSymbol]);
        foreach (ref readonly var bar in bars.AsSpan())
        {
            backtester.Step(bar);
        }

        backtester.Complete();
        return bars.Length;
    }

    private static List<BenchFigure> StreamingMemory(string path, int barsPerPass, TextWriter log)
    {
        var options = new BacktestOptions { FeeBps = 10m, RecordTrades = false };
        var results = new List<BenchFigure>();
        long allocatedOnce = 0;
        foreach (var repeat in new[] { 1, 10 })
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = Backtester.Run(StrategyRegistry.Get("trend").CreateDefault(), RepeatedFile.Read(path, repeat), options);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
            using var process = Process.GetCurrentProcess();
            var peak = process.PeakWorkingSet64;
            log.WriteLine($"bench: streamed {repeat}× ({result.Bars} bars): allocated {allocated:N0} B, GC heap {heap:N0} B, peak working set {peak:N0} B");
            results.Add(new BenchFigure($"stream_{repeat}x_allocated_bytes", allocated, "bytes"));
            results.Add(new BenchFigure($"stream_{repeat}x_gc_heap_bytes", heap, "bytes"));
            results.Add(new BenchFigure($"stream_{repeat}x_peak_working_set_bytes", peak, "bytes"));
            if (repeat == 1)
            {
                allocatedOnce = allocated;
            }
            else
            {
                results.Add(new BenchFigure("stream_allocated_bytes_per_extra_bar", (allocated - allocatedOnce) / (double)((repeat - 1) * (long)barsPerPass), "bytes/bar"));
            }
        }

        return results;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }
}
