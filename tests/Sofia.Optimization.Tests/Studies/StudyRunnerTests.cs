using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Tests.Search;

namespace Sofia.Optimization.Tests.Studies;

[TestFixture]
public sealed class StudyRunnerTests
{
    private static readonly int[] BatchEnds = [8, 16, 20];


    [TestCase(SearchAlgorithm.Bayesian)]
    [TestCase(SearchAlgorithm.Genetic)]
    [TestCase(SearchAlgorithm.Random)]
    [TestCase(SearchAlgorithm.Grid)]
    public async Task Same_seed_gives_the_same_trials_whatever_the_degree_of_parallelism(SearchAlgorithm algorithm)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var one = await RunAsync(algorithm, seed: 7, parallelism: 1, timeout.Token);
        var four = await RunAsync(algorithm, seed: 7, parallelism: 4, timeout.Token);

        Assert.That(four.Select(Describe), Is.EqualTo(one.Select(Describe)));
    }

    [TestCase(SearchAlgorithm.Bayesian)]
    [TestCase(SearchAlgorithm.Genetic)]
    [TestCase(SearchAlgorithm.Random)]
    public async Task Different_seeds_give_different_trials(SearchAlgorithm algorithm)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var a = await RunAsync(algorithm, seed: 1, parallelism: 2, timeout.Token);
        var b = await RunAsync(algorithm, seed: 2, parallelism: 2, timeout.Token);

        Assert.That(b.Select(Describe), Is.Not.EqualTo(a.Select(Describe)));
    }

    [Test]
    public async Task Resumed_study_replays_stored_trials_and_runs_only_the_missing_ones()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var full = await RunAsync(SearchAlgorithm.Bayesian, seed: 3, parallelism: 2, timeout.Token);
        var evaluated = 0;
        var resumed = await StudyRunner.RunAsync(
            new TpeSearch(TestFunctions.QuadraticSpace, 3),
            40,
            StudyRunner.DefaultBatchSize,
            StudyRunner.Parallel(
                t =>
                {
                    Interlocked.Increment(ref evaluated);
                    return Evaluate(t, 3);
                },
                2),
            null,
            [.. full.Take(17)],
            timeout.Token);

        Assert.That(resumed.Select(Describe), Is.EqualTo(full.Select(Describe)));
        Assert.That(evaluated, Is.EqualTo(40 - 17));
    }

    [Test]
    public async Task Progress_reports_every_batch_with_the_best_score_so_far()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reports = new List<StudyProgress>();
        var records = await StudyRunner.RunAsync(
            new RandomSearch(TestFunctions.BraninSpace, 5),
            20,
            8,
            StudyRunner.Parallel(t => new TrialEvaluation(-TestFunctions.Branin(t.Values)), 1),
            new SynchronousProgress(reports),
            null,
            timeout.Token);

        Assert.That(reports.Select(r => r.Completed), Is.EqualTo(BatchEnds));
        Assert.That(reports[^1].BestScore, Is.EqualTo(records.Max(r => r.Score)));
        Assert.That(reports[1].BestScore, Is.EqualTo(records.Take(16).Max(r => r.Score)));
    }

    private static Task<IReadOnlyList<TrialRecord>> RunAsync(SearchAlgorithm algorithm, ulong seed, int parallelism, CancellationToken cancellationToken) =>
        StudyRunner.RunAsync(
            ParameterSearch.Create(algorithm, TestFunctions.QuadraticSpace, seed, 40),
            40,
            StudyRunner.DefaultBatchSize,
            StudyRunner.Parallel(t => Evaluate(t, seed), parallelism),
            null,
            null,
            cancellationToken);

    private static TrialEvaluation Evaluate(Trial trial, ulong seed) => new(-TestFunctions.NoisyQuadratic(trial.Values, seed, trial.Number));

    private static string Describe(TrialRecord record) =>
        $"{record.Trial.Number}:{string.Join(",", record.Trial.Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}={record.Score:R}";

    private sealed class SynchronousProgress(List<StudyProgress> reports) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => reports.Add(value);
    }
}
