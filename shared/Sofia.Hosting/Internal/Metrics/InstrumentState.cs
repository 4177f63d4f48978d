using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>One exported instrument: its Prometheus name and type, and its series keyed by tag set.</summary>
internal sealed class InstrumentState
{
    /// <summary>Beyond this many tag sets, new ones fold into one overflow series (as the OpenTelemetry SDK does).</summary>
    public const int MaxSeries = 2000;

    private static readonly KeyValuePair<string, object?>[] OverflowTags = [new("otel_metric_overflow", "true")];

    private readonly ConcurrentDictionary<TagSet, Series> _series = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<TagSet, Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly Action<InstrumentState> _onOverflow;
    private readonly bool _accumulate;
    private readonly bool _monotonic;
    private readonly double[] _bounds;
    private int _seriesCount;
    private int _overflowReported;

    public InstrumentState(Instrument instrument, InstrumentKind kind, Action<InstrumentState> onOverflow)
    {
        Instrument = instrument;
        Type = kind.Type;
        _accumulate = kind.Accumulate;
        _monotonic = kind.Type == PrometheusType.Counter && kind.Accumulate;
        _bounds = kind.Type == PrometheusType.Histogram ? HistogramBuckets.For(instrument) : [];
        _onOverflow = onOverflow;
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, Type);
        Help = string.IsNullOrWhiteSpace(instrument.Description)
            ? $"{instrument.Name} (meter {instrument.Meter.Name})"
            : instrument.Description;
        ConstantLabels = TagSet.Create([.. instrument.Meter.Tags ?? [], .. instrument.Tags ?? []]).Labels;
    }

    public Instrument Instrument { get; }

    public string Name { get; }

    public string Help { get; }

    public PrometheusType Type { get; }

    /// <summary>Labels from the meter's and the instrument's own tags, on every series.</summary>
    public string ConstantLabels { get; }

    /// <summary>A synchronous counter or histogram shows zero before its first measurement; a gauge has no value yet.</summary>
    public bool ShowsZeroWhenEmpty => !Instrument.IsObservable && (_accumulate || Type == PrometheusType.Histogram);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A counter only goes up; OpenTelemetry drops negative increments as well.
        if (_monotonic && !(value >= 0))
        {
            return;
        }

        if (!_lookup.TryGetValue(tags, out var series))
        {
            series = GetOrAdd(tags);
        }

        series.Record(value);
    }

    /// <summary>Observable instruments report afresh on every collection, so a series that stops reporting disappears.</summary>
    public void Clear()
    {
        _series.Clear();
        Volatile.Write(ref _seriesCount, 0);
    }

    public List<KeyValuePair<TagSet, Series>> Snapshot()
    {
        var snapshot = _series.ToList();
        snapshot.Sort(static (a, b) => string.CompareOrdinal(a.Key.Labels, b.Key.Labels));
        return snapshot;
    }

    public Series NewSeries() => Type == PrometheusType.Histogram ? new HistogramSeries(_bounds) : new ScalarSeries(_accumulate);

    private Series GetOrAdd(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Volatile.Read(ref _seriesCount) >= MaxSeries)
        {
            if (Interlocked.Exchange(ref _overflowReported, 1) == 0)
            {
                _onOverflow(this);
            }

            tags = OverflowTags;
            if (_lookup.TryGetValue(tags, out var overflow))
            {
                return overflow;
            }
        }

        var tagSet = TagSet.Create(tags);
        var series = NewSeries();
        if (_series.TryAdd(tagSet, series))
        {
            Interlocked.Increment(ref _seriesCount);
            return series;
        }

        return _series.TryGetValue(tagSet, out var existing) ? existing : series;
    }
}
