namespace Sofia.Optimization.Studies;

/// <summary>Where a running study stands, reported after every batch.</summary>
/// <param name="Completed">Trials finished.</param>
/// <param name="Total">Trials planned.</param>
/// <param name="BestScore">Best score so far (NaN before the first trial).</param>
/// <param name="Elapsed">Wall time since the study started.</param>
public readonly record struct StudyProgress(int Completed, int Total, double BestScore, TimeSpan Elapsed)
{
    /// <summary>Remaining time extrapolated from the pace so far; null before the first trial.</summary>
    public TimeSpan? EstimatedRemaining => Completed == 0 ? null : Elapsed * ((Total - Completed) / (double)Completed);
}
