using System.Diagnostics.Metrics;
using Sofia.SignalHub.Workers;

namespace Sofia.SignalHub;

/// <summary>The signal hub's instruments, under the meter named after its assembly.</summary>
internal sealed class SignalHubMetrics
{
    public const string MeterName = "Sofia.SignalHub";

    private readonly Counter<long> _signals;
    private readonly Counter<long> _bars;
    private readonly Counter<long> _ticks;
    private readonly Histogram<double> _latency;

    public SignalHubMetrics(IMeterFactory meterFactory, HubState state)
    {
        var meter = meterFactory.Create(MeterName);
        _signals = meter.CreateCounter<long>("sofia.signalhub.signals", "{signal}", "Signals published, by strategy (fused included).");
        _bars = meter.CreateCounter<long>("sofia.signalhub.bars", "{bar}", "Bars built from ticks, by symbol.");
        _ticks = meter.CreateCounter<long>("sofia.signalhub.ticks", "{tick}", "Ticks fed to the engine, by symbol.");
        _latency = meter.CreateHistogram("sofia.signalhub.tick_to_signal.duration", "s",
            "From receiving a bar-closing tick to the bus acknowledging that bar's signals.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        meter.CreateObservableGauge("sofia.signalhub.warmup.ready", () => ObserveWarm(state), "{market}",
            "1 when every strategy of the symbol has seen its warm-up bars, else 0.");
    }

    public void TickFed(string symbol) => _ticks.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void BarBuilt(string symbol) => _bars.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void SignalPublished(string strategy) => _signals.Add(1, new KeyValuePair<string, object?>("strategy", strategy));

    public void TickToSignal(TimeSpan elapsed) => _latency.Record(elapsed.TotalSeconds);

    private static IEnumerable<Measurement<long>> ObserveWarm(HubState state)
    {
        foreach (var (symbol, warm) in state.Warm)
        {
            yield return new Measurement<long>(warm ? 1 : 0, new KeyValuePair<string, object?>("symbol", symbol));
        }
    }
}
