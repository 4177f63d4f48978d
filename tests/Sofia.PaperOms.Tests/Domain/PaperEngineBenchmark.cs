using System.Diagnostics;
using System.Globalization;
using Sofia.PaperOms.Domain;
using Sofia.Trading.Risk;
using static Sofia.PaperOms.Tests.Domain.EngineScenario;
using SignalDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.PaperOms.Tests.Domain;

/// <summary>
/// In-process figure for <c>scripts/bench.sh paper</c>: the time of one signal's risk check + sizing + fill (with the
/// records it produces), p50 and p99 over many signals. Run with
/// <c>dotnet test tests/Sofia.PaperOms.Tests --filter "FullyQualifiedName~PaperEngineBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[TestFixture]
[Explicit("a benchmark: prints JSON figures")]
[Category("Benchmark")]
public sealed class PaperEngineBenchmark
{
    [Test]
    public void Risk_check_and_fill_latency()
    {
        const int Warmup = 5_000;
        const int Measured = 50_000;
        // Every rule runs; a constant price and no fees keep equity flat, so every signal trades through all of them.
        var engine = new PaperTradingEngine(Settings(new RiskLimits { MaxPositionUsd = 1e9m, MaxGrossLeverage = 10m, DailyLossLimit = 1m, MaxDrawdown = 1m }) with
        {
            FillModel = Sofia.Trading.Execution.FillModel.Frictionless,
        });
        var outputs = new List<PaperOutput>(64);
        var samples = new double[Measured];
        for (var i = 0; i < Warmup + Measured; i++)
        {
            var bar = 600L + (60L * i);
            outputs.Clear();
            engine.OnTick(Tick(bar + 60.5, 100m), outputs);
            var signal = Signal("trend", bar, i % 2 == 0 ? SignalDirection.Long : SignalDirection.Flat);
            var start = Stopwatch.GetTimestamp();
            engine.OnSignal(signal, outputs);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i >= Warmup)
            {
                samples[i - Warmup] = elapsed;
            }
        }

        Array.Sort(samples);
        var p50 = samples[Measured / 2];
        var p99 = samples[(int)(Measured * 0.99)];
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"suite\":\"paper\",\"metric\":\"risk_check_fill_p50_us\",\"value\":{p50:0.00},\"unit\":\"us\",\"client\":\"sofia\",\"cores\":{Environment.ProcessorCount}}}"));
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"suite\":\"paper\",\"metric\":\"risk_check_fill_p99_us\",\"value\":{p99:0.00},\"unit\":\"us\",\"client\":\"sofia\",\"cores\":{Environment.ProcessorCount}}}"));
        Assert.That(engine.Account.Combined.FillCount, Is.EqualTo(Warmup + Measured));
    }
}
