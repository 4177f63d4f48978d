using Sofia.ClickHouse;
using Sofia.Testing;

namespace Sofia.IntegrationTests.ClickHouse;

/// <summary>Versioned schema files applied to a real clickhouse-server 18.16.</summary>
[TestFixture]
public sealed class ClickHouseMigratorTests
{
    private const string CreateTicks =
        """
        -- Ticks; the engine de-duplicates re-deliveries.
        CREATE TABLE IF NOT EXISTS ticks (
            exchange String, symbol String, trade_id UInt64, price Float64, note String DEFAULT 'a;b'
        ) ENGINE = ReplacingMergeTree() ORDER BY (exchange, symbol, trade_id);

        CREATE TABLE IF NOT EXISTS candles_1m (symbol String, minute DateTime, close Float64)
        ENGINE = ReplacingMergeTree() ORDER BY (symbol, minute);
        """;

    private ClickHouseServer _server = null!;
    private ClickHouseClient _client = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await ClickHouseServer.StartNewAsync();
        _client = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("sofia-migrations-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task Applying_twice_creates_the_schema_once_and_then_changes_nothing(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("migrate");
        WriteFile("0001_create_ticks.sql", CreateTicks);
        WriteFile("0002_seed.sql", "INSERT INTO ticks (exchange, symbol, trade_id, price) VALUES ('binance', 'BTC-USDT', 1, 50000.5);\n");
        var migrator = new ClickHouseMigrator(_client, database);

        var first = await migrator.ApplyAsync(_directory, cancellationToken);
        var second = await migrator.ApplyAsync(_directory, cancellationToken);

        var tables = await ListAsync(ClickHouseSql.Format($"SELECT name FROM system.tables WHERE database = {database} ORDER BY name"), r => r.ReadString(), cancellationToken);
        var history = await ListAsync($"SELECT version, name FROM {database}.schema_migrations ORDER BY version", r => (r.ReadUInt32(), r.ReadString()), cancellationToken);
        var ticks = await ListAsync($"SELECT count() FROM {database}.ticks", r => r.ReadUInt64(), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo((string[])["0001_create_ticks.sql", "0002_seed.sql"]));
            Assert.That(second, Is.Empty);
            Assert.That(tables, Is.EqualTo((string[])["candles_1m", "schema_migrations", "ticks"]));
            Assert.That(history, Is.EqualTo(new[] { (1u, "create_ticks"), (2u, "seed") }));
            Assert.That(ticks.Single(), Is.EqualTo(1), "the seed ran once");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_new_file_is_applied_alone_after_the_recorded_ones(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("migrate");
        WriteFile("0001_create_ticks.sql", CreateTicks);
        var migrator = new ClickHouseMigrator(_client, database);
        await migrator.ApplyAsync(_directory, cancellationToken);

        WriteFile("0002_add_side.sql", "ALTER TABLE ticks ADD COLUMN side Int8 DEFAULT 0;");
        var applied = await migrator.ApplyAsync(_directory, cancellationToken);

        var columns = await ListAsync(
            ClickHouseSql.Format($"SELECT name FROM system.columns WHERE database = {database} AND table = 'ticks' AND name = 'side'"), r => r.ReadString(), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(applied, Is.EqualTo((string[])["0002_add_side.sql"]));
            Assert.That(columns, Is.EqualTo((string[])["side"]));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_changed_applied_file_is_an_error_naming_the_file(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("migrate");
        WriteFile("0001_create_ticks.sql", CreateTicks);
        var migrator = new ClickHouseMigrator(_client, database);
        await migrator.ApplyAsync(_directory, cancellationToken);

        WriteFile("0001_create_ticks.sql", CreateTicks.Replace("Float64", "Float32", StringComparison.Ordinal));
        WriteFile("0002_more.sql", "CREATE TABLE more (x UInt8) ENGINE = Memory;");

        var error = Assert.ThrowsAsync<ClickHouseMigrationException>(() => migrator.ApplyAsync(_directory, cancellationToken));
        var tables = await ListAsync(ClickHouseSql.Format($"SELECT count() FROM system.tables WHERE database = {database} AND name = 'more'"), r => r.ReadUInt64(), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(error.FileName, Is.EqualTo("0001_create_ticks.sql"));
            Assert.That(error.Message, Does.Contain("0001_create_ticks.sql"));
            Assert.That(tables.Single(), Is.Zero, "nothing runs after a changed file is found");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_failing_statement_leaves_its_file_unrecorded(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("migrate");
        WriteFile("0001_create_ticks.sql", CreateTicks);
        WriteFile("0002_broken.sql", "CREATE TABLE IF NOT EXISTS fine (x UInt8) ENGINE = Memory;\nSELECT * FROM no_such_table;");
        var migrator = new ClickHouseMigrator(_client, database);

        var error = Assert.ThrowsAsync<ClickHouseServerException>(() => migrator.ApplyAsync(_directory, cancellationToken));
        var history = await ListAsync($"SELECT version FROM {database}.schema_migrations", r => r.ReadUInt32(), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(60));
            Assert.That(history, Is.EqualTo((uint[])[1]));
        });
    }

    private void WriteFile(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);

    private async Task<List<T>> ListAsync<T>(string sql, ClickHouseRowMapper<T> map, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in _client.QueryAsync(sql, map, cancellationToken: cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
