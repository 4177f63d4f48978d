using System.Diagnostics.Metrics;
using Sofia.TickWriter.Workers;

namespace Sofia.TickWriter;

/// <summary>The tick writer's instruments, under the meter named after its assembly.</summary>
internal sealed class TickWriterMetrics
{
    public const string MeterName = "Sofia.TickWriter";

    private readonly Counter<long> _rows;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _insertDuration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLetters;

    public TickWriterMetrics(IMeterFactory meterFactory, WriterState state)
    {
        var meter = meterFactory.Create(MeterName);
        _rows = meter.CreateCounter<long>("sofia.tickwriter.rows", "{row}", "Tick rows stored and acknowledged.");
        _batchSize = meter.CreateHistogram("sofia.tickwriter.batch.size", "{row}", "Rows per insert.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 10, 100, 1_000, 5_000, 10_000, 20_000, 50_000, 100_000] });
        _insertDuration = meter.CreateHistogram("sofia.tickwriter.insert.duration", "s", "Time of one successful insert.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _failures = meter.CreateCounter<long>("sofia.tickwriter.insert.failures", "{failure}", "Insert attempts that failed.");
        _deadLetters = meter.CreateCounter<long>("sofia.tickwriter.dead_letters", "{message}", "Unparseable ticks sent to the dead-letter subject.");
        meter.CreateObservableGauge("sofia.tickwriter.consumer.pending", () => Observe(state, pending: true), "{message}",
            "Messages in the stream not yet delivered to the tick writer.");
        meter.CreateObservableGauge("sofia.tickwriter.consumer.ack_pending", () => Observe(state, pending: false), "{message}",
            "Messages delivered to the tick writer and not yet acknowledged.");
    }

    public void BatchStored(int rows, TimeSpan duration)
    {
        _rows.Add(rows);
        _batchSize.Record(rows);
        _insertDuration.Record(duration.TotalSeconds);
    }

    public void InsertFailed() => _failures.Add(1);

    public void DeadLettered() => _deadLetters.Add(1);

    private static IEnumerable<Measurement<long>> Observe(WriterState state, bool pending) =>
        state.Consumer is { } info ? [new Measurement<long>(pending ? (long)info.Pending : info.AckPending)] : [];
}
