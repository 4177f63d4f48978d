using Sofia.ClickHouse;
using Sofia.MarketData;
using Sofia.Testing;

namespace Sofia.MarketData.Tests.Store;

/// <summary>The store contract on a real clickhouse-server (one per fixture), the schema of infra/clickhouse migrated into a database per test.</summary>
[TestFixture]
public sealed class ClickHouseMarketStoreContractTests : MarketStoreContractTests
{
    private readonly List<ClickHouseClient> _clients = [];
    private ClickHouseServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _server = await ClickHouseServer.StartNewAsync(timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [TearDown]
    public void DisposeClients()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    protected override async Task<IMarketStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var client = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl, Database = TestNames.Unique("store"), CompressRequests = true });
        _clients.Add(client);
        var store = new ClickHouseMarketStore(client, Path.Combine(RepositoryPaths.Root, "infra", "clickhouse"));
        await store.InitializeAsync(cancellationToken);
        return store;
    }
}
