using Sofia.ClickHouse;
using Sofia.Contracts.V1;
using Sofia.Optimizer.Domain;
using Sofia.Testing;

namespace Sofia.Optimizer.Tests.Domain;

/// <summary>The trial store on a real clickhouse-server, with the schema of infra/clickhouse.</summary>
[TestFixture]
public sealed class ClickHouseTrialStoreTests
{
    private ClickHouseServer _server = null!;
    private ClickHouseClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await ClickHouseServer.StartNewAsync();
        _admin = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Trials_come_back_in_trial_order_once_each_with_every_field(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("trials");
        await new ClickHouseMigrator(_admin, database).ApplyAsync(Path.Combine(RepositoryPaths.Root, "infra", "clickhouse"), cancellationToken);
        using var client = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl, Database = database });
        var store = new ClickHouseTrialStore(client, "optimizer_trials");
        var first = Result("s1", 1, 0.5, "w1");
        var zeroth = Result("s1", 0, double.NaN, "w2");
        var other = Result("s2", 0, 3, "w1");

        await store.AppendAsync([first, zeroth], cancellationToken);
        await store.AppendAsync([other], cancellationToken);
        // A redelivered trial stored again.
        await store.AppendAsync([first], cancellationToken);

        var loaded = await store.LoadAsync("s1", cancellationToken);
        Assert.That(loaded, Is.EqualTo(new[] { zeroth, first }));
        Assert.That(loaded[0].Parameters["fast"], Is.EqualTo("20"));
        Assert.That(await store.LoadAsync("none", cancellationToken), Is.Empty);
    }

    private static TrialResult Result(string study, int trial, double score, string worker)
    {
        var result = new TrialResult
        {
            StudyId = study,
            TrialNumber = trial,
            Strategy = "trend",
            Symbol = "BTC-USDT",
            Score = score,
            Feasible = !double.IsNaN(score),
            Reason = double.IsNaN(score) ? "no trade" : string.Empty,
            Sharpe = 1.25,
            Mar = 0.75,
            Trades = 12,
            Worker = worker,
            FinishedTimeUs = 1_763_000_000_000_000 + trial,
            InSampleSharpe = double.NaN,
            Method = SearchMethod.Bayesian,
        };
        result.Parameters["fast"] = "20";
        result.Parameters["slow"] = "50";
        return result;
    }
}
