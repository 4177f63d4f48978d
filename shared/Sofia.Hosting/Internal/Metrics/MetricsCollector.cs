using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>
/// Listens to the service's <c>System.Diagnostics.Metrics</c> instruments, aggregates them in
/// memory and renders them as Prometheus text when scraped. Exports meters whose name starts with
/// <c>Sofia</c> (meter name = assembly name), created by this host's meter factory or statically.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    public const string MeterPrefix = "Sofia";

    private readonly Func<Meter, bool> _include;
    private readonly ILogger _logger;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly ConcurrentDictionary<Instrument, bool> _reportedCollisions = new();
    private readonly Lock _collectLock = new();
    private int _started;

    public MetricsCollector(IMeterFactory meterFactory, ILogger<MetricsCollector> logger)
        : this(meter => IsSofiaMeter(meter, meterFactory), logger)
    {
    }

    internal MetricsCollector(Func<Meter, bool> include, ILogger? logger = null)
    {
        _include = include;
        _logger = logger ?? NullLogger.Instance;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, _) => _states.TryRemove(instrument, out var _),
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
    }

    /// <summary>A Sofia meter of this host (its factory) or a static one (no scope).</summary>
    public static bool IsSofiaMeter(Meter meter, IMeterFactory meterFactory) =>
        meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal)
        && (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory));

    /// <summary>Subscribes to existing and future instruments; calling it again does nothing.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _listener.Start();
        }
    }

    /// <summary>Observes the observable instruments and renders every exported series.</summary>
    public string Collect()
    {
        lock (_collectLock)
        {
            foreach (var state in _states.Values)
            {
                if (state.Instrument.IsObservable)
                {
                    state.Clear();
                }
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException exception)
            {
                // One failing callback must not blank the whole scrape; the others were observed.
                HostingLog.ObservableCallbackFailed(_logger, exception);
            }

            return PrometheusWriter.Write(_states.Values, OnCollision);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_include(instrument.Meter) || InstrumentKind.Of(instrument) is not { } kind)
        {
            return;
        }

        var state = new InstrumentState(instrument, kind, OnOverflow);
        if (_states.TryAdd(instrument, state))
        {
            listener.EnableMeasurementEvents(instrument, state);
        }
    }

    private void OnOverflow(InstrumentState state) =>
        HostingLog.MetricCardinalityLimitReached(_logger, state.Instrument.Name, state.Instrument.Meter.Name, InstrumentState.MaxSeries);

    private void OnCollision(InstrumentState skipped, InstrumentState kept)
    {
        if (_reportedCollisions.TryAdd(skipped.Instrument, true))
        {
            HostingLog.MetricNameCollision(_logger, skipped.Name, skipped.Instrument.Name, skipped.Instrument.Meter.Name, kept.Type.ToString());
        }
    }
}
