using System.Diagnostics;
using Sofia.Optimization.Search;

namespace Sofia.Optimization.Studies;

/// <summary>
/// Drives a searcher through a study: asks a batch of <c>batchSize</c> candidates, has the evaluator score the whole
/// batch (in parallel, or on other replicas), then tells the scores in trial order. Because the batch size is fixed
/// and results are told in trial order, the trials depend only on the seed and the batch size, never on how many
/// cores or replicas evaluated them. A study resumes from stored records: the same asks are replayed and a trial
/// already recorded (same number and values) is told its stored evaluation instead of being run again.
/// </summary>
public static class StudyRunner
{
    /// <summary>Default trials per batch: enough to keep several cores busy, small enough for TPE to learn often.</summary>
    public const int DefaultBatchSize = 8;

    /// <summary>Runs <paramref name="trials"/> trials of <paramref name="search"/> and returns every record in trial order.</summary>
    public static async Task<IReadOnlyList<TrialRecord>> RunAsync(
        IParameterSearch search,
        int trials,
        int batchSize,
        BatchEvaluator evaluate,
        IProgress<StudyProgress>? progress,
        IReadOnlyList<TrialRecord>? resumeFrom,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var stored = new Dictionary<int, TrialRecord>();
        foreach (var record in resumeFrom ?? [])
        {
            stored[record.Trial.Number] = record;
        }

        var clock = Stopwatch.StartNew();
        var records = new List<TrialRecord>(trials);
        var best = double.NaN;
        while (records.Count < trials)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var asked = search.Ask(Math.Min(batchSize, trials - records.Count));
            var batch = new Trial[asked.Count];
            var missing = new List<Trial>(asked.Count);
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new Trial(records.Count + i, asked[i]);
                if (!IsStored(stored, batch[i]))
                {
                    missing.Add(batch[i]);
                }
            }

            var fresh = missing.Count == 0 ? [] : await evaluate(missing, cancellationToken);
            if (fresh.Count != missing.Count)
            {
                throw new InvalidOperationException($"The evaluator returned {fresh.Count} results for {missing.Count} trials.");
            }

            var next = 0;
            foreach (var trial in batch)
            {
                var evaluation = IsStored(stored, trial) ? stored[trial.Number].Evaluation : fresh[next++];
                search.Tell(trial.Values, evaluation.Score);
                records.Add(new TrialRecord(trial, evaluation));
                if (double.IsNaN(best) || evaluation.Score > best)
                {
                    best = evaluation.Score;
                }
            }

            progress?.Report(new StudyProgress(records.Count, trials, best, clock.Elapsed));
        }

        return records;
    }

    /// <summary>An evaluator that runs a batch on up to <paramref name="degreeOfParallelism"/> threads of this process.</summary>
    public static BatchEvaluator Parallel(Func<Trial, TrialEvaluation> evaluate, int degreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreeOfParallelism);
        return (batch, cancellationToken) =>
        {
            var results = new TrialEvaluation[batch.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism, CancellationToken = cancellationToken };
            System.Threading.Tasks.Parallel.For(0, batch.Count, options, i => results[i] = evaluate(batch[i]));
            return ValueTask.FromResult<IReadOnlyList<TrialEvaluation>>(results);
        };
    }

    private static bool IsStored(Dictionary<int, TrialRecord> stored, Trial trial) =>
        stored.TryGetValue(trial.Number, out var record) && record.Trial.Values.SequenceEqual(trial.Values);
}
