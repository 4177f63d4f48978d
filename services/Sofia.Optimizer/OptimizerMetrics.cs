using System.Diagnostics.Metrics;

namespace Sofia.Optimizer;

/// <summary>The optimizer's instruments, under the meter named after its assembly.</summary>
internal sealed class OptimizerMetrics
{
    public const string MeterName = "Sofia.Optimizer";

    private readonly Counter<long> _trials;
    private readonly Histogram<double> _trialDuration;
    private readonly Counter<long> _studies;
    private readonly Counter<long> _promotions;

    public OptimizerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _trials = meter.CreateCounter<long>("sofia.optimizer.trials", "{trial}", "Trials evaluated by this replica.");
        _trialDuration = meter.CreateHistogram("sofia.optimizer.trial.duration", "s", "Time to evaluate one trial.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _studies = meter.CreateCounter<long>("sofia.optimizer.studies", "{study}", "Studies completed by this replica's coordinator.");
        _promotions = meter.CreateCounter<long>("sofia.optimizer.promotions", "{parameter_set}", "Parameter sets promoted to the signal hub.");
    }

    public void TrialDone(TimeSpan duration)
    {
        _trials.Add(1);
        _trialDuration.Record(duration.TotalSeconds);
    }

    public void StudyDone() => _studies.Add(1);

    public void Promoted() => _promotions.Add(1);
}
