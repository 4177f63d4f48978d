using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Promotion;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Validation;
using Sofia.Optimizer.Domain;
using Sofia.Testing;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Optimizer.Tests.Domain;

/// <summary>Studies shared by optimizer replicas over a real nats-server JetStream work queue.</summary>
[TestFixture]
public sealed class DistributedStudyTests
{
    private static readonly string[] BothWorkers = ["r1", "r2"];
    private static readonly DateTimeOffset RunTime = new(2026, 11, 21, 21, 0, 0, TimeSpan.Zero);
    private NatsServer _server = null!;
    private string _directory = null!;

    private static string Btc => ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv");

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await NatsServer.StartNewAsync();
        _directory = Directory.CreateTempSubdirectory("sofia-optimizer-tests-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    [Category("Slow")]
    public async Task Two_replicas_finish_a_study_with_the_same_results_as_one_and_as_in_process()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var oneRun = TestNames.Unique("one");
        var twoRun = TestNames.Unique("two");

        IReadOnlyList<TrialResult> alone;
        await using (var single = await OptimizerReplica.StartAsync(_server.Url, Settings(oneRun, "solo"), timeout.Token))
        {
            await single.Coordinator.RunAsync(oneRun, RunTime, "trend", "BTC-USDT", timeout.Token);
            alone = single.Journal.Load(StudyCoordinator.StudyId(oneRun, "trend", "BTC-USDT", SearchAlgorithm.Bayesian));
        }

        IReadOnlyList<TrialResult> shared;
        await using (var first = await OptimizerReplica.StartAsync(_server.Url, Settings(twoRun, "r1"), timeout.Token))
        await using (var second = await OptimizerReplica.StartAsync(_server.Url, Settings(twoRun, "r2"), timeout.Token))
        {
            await first.Coordinator.RunAsync(twoRun, RunTime, "trend", "BTC-USDT", timeout.Token);
            shared = first.Journal.Load(StudyCoordinator.StudyId(twoRun, "trend", "BTC-USDT", SearchAlgorithm.Bayesian));
        }

        Assert.That(alone, Has.Count.EqualTo(24));
        Assert.That(shared.Select(Outcome), Is.EqualTo(alone.Select(Outcome)), "same trials, parameters and scores with one replica or two");
        Assert.That(shared.Select(r => r.Worker).Distinct().Order(), Is.EqualTo(BothWorkers), "both replicas took trials of the study");

        // And the same as the study run in-process with the library.
        var bars = BarFileReader.ReadAll(Btc);
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, WalkForward.ForFolds(bars.Length, 3).Folds(bars.Length), new ObjectiveSettings());
        var local = await StudyRunner.RunAsync(
            new TpeSearch(TrendStrategy.Descriptor.Parameters, ParameterSearch.SeedFor(11, SearchAlgorithm.Bayesian)),
            24,
            StudyRunner.DefaultBatchSize,
            StudyRunner.Parallel(t => objective.Evaluate(t.Values), 2),
            null,
            null,
            timeout.Token);
        Assert.That(alone.Select(r => (r.TrialNumber, r.Score)), Is.EqualTo(local.Select(r => (r.Trial.Number, r.Score))));
    }

    [Test]
    [Category("Slow")]
    public async Task A_trial_held_by_a_replica_that_dies_is_redelivered_and_finished_by_another()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = TestNames.Unique("kill");
        var studyId = StudyCoordinator.StudyId(run, "trend", "BTC-USDT", SearchAlgorithm.Random);
        var settings = Settings(run, "survivor", SearchAlgorithm.Random) with { Method = "random", Trials = 4, AckWaitSeconds = 2 };
        await using var survivor = await OptimizerReplica.StartAsync(_server.Url, settings, timeout.Token, startWorker: false);

        // The doomed replica takes the first job and dies without acknowledging it (its connection is simply dropped).
        var doomedBus = new Sofia.Messaging.NatsMessageBus(new Sofia.Nats.NatsClientOptions { Url = _server.Url });
        var study = survivor.Coordinator.RunAsync(run, RunTime, "trend", "BTC-USDT", timeout.Token);
        var spec = new Sofia.Messaging.BusConsumerSpec(Streams.OptimizerJobs.Name, settings.Durable, settings.JobFilter) { AckWait = TimeSpan.FromSeconds(2), BatchSize = 1 };
        int heldTrial;
        using (var doomed = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
        {
            await using var messages = doomedBus.ConsumeAsync(spec, doomed.Token).GetAsyncEnumerator(doomed.Token);
            Assert.That(await messages.MoveNextAsync(), Is.True);
            heldTrial = OptimizationJob.Parser.ParseFrom(messages.Current.Data.Span).TrialNumber;
            await doomed.CancelAsync();
        }

        await doomedBus.DisposeAsync();
        await survivor.StartWorkerAsync(timeout.Token);
        var summary = await study;

        var results = survivor.Journal.Load(studyId);
        Assert.That(results, Has.Count.EqualTo(4));
        var held = results.Single(r => r.TrialNumber == heldTrial);
        Assert.That(held.Worker, Is.EqualTo("survivor"));
        Assert.That(summary.Trials, Has.Count.EqualTo(4));
    }

    [Test]
    [Category("Slow")]
    public async Task Promotable_winners_are_written_in_the_signal_hub_format_and_others_are_not()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = TestNames.Unique("promo");
        await using var replica = await OptimizerReplica.StartAsync(_server.Url, Settings(run, "p") with { Trials = 8, HoldoutFraction = 0.2 }, timeout.Token);

        var summary = await replica.Coordinator.RunAsync(run, RunTime, "trend", "BTC-USDT", timeout.Token);

        // ⌊66 087 · 0.2⌋ = 13 217 bars are held out of the search and every winner is run on them.
        Assert.That(summary.Winners.Select(w => w.Holdout!.Periods), Has.All.EqualTo(13_217));
        var bucket = await replica.Bus.KeyValueAsync(KvBuckets.PromotedParameters, timeout.Token);
        var entry = await bucket.GetAsync(PromotedParameters.Key("trend", "BTC-USDT"), timeout.Token);
        var promotable = summary.Winners.FirstOrDefault(w => w.Promotable);
        if (promotable is null)
        {
            Assert.That(entry, Is.Null, "nothing passes every guard, so nothing is promoted");
        }
        else
        {
            Assert.That(entry, Is.Not.Null);
            Assert.That(PromotedParameters.FromJson(entry!.Value.Span), Is.EqualTo(promotable.Parameters.Describe().ToDictionary()));
        }
    }

    [Test]
    [Category("Slow")]
    public async Task A_study_resumes_from_its_journal_without_running_recorded_trials_again()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = TestNames.Unique("resume");
        var studyId = StudyCoordinator.StudyId(run, "trend", "BTC-USDT", SearchAlgorithm.Bayesian);
        IReadOnlyList<TrialResult> first;
        await using (var replica = await OptimizerReplica.StartAsync(_server.Url, Settings(run, "w") with { Trials = 16 }, timeout.Token))
        {
            await replica.Coordinator.RunAsync(run, RunTime, "trend", "BTC-USDT", timeout.Token);
            first = replica.Journal.Load(studyId);
        }

        // The coordinator restarts with no worker anywhere: a trial it had to run again would never finish.
        await using var restarted = await OptimizerReplica.StartAsync(_server.Url, Settings(run, "w") with { Trials = 16 }, timeout.Token, startWorker: false);
        var summary = await restarted.Coordinator.RunAsync(run, RunTime, "trend", "BTC-USDT", timeout.Token);

        Assert.That(summary.Trials.Select(t => (t.Trial.Number, t.Score)), Is.EqualTo(first.Select(r => (r.TrialNumber, r.Score))));
        Assert.That(restarted.Journal.Load(studyId), Has.Count.EqualTo(16), "nothing new was journaled");
    }

    private static (int, string, double) Outcome(TrialResult r) => (r.TrialNumber, string.Join(',', r.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)), r.Score);

    private ReplicaSettings Settings(string run, string worker, SearchAlgorithm method = SearchAlgorithm.Bayesian) => new(
        Btc,
        worker,
        run + "-workers",
        Subjects.OptimizerJobs(StudyCoordinator.StudyId(run, "trend", "BTC-USDT", method)),
        Path.Combine(_directory, run));
}
