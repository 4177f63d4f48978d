using System.Diagnostics;

namespace Sofia.Testing.Tests;

[TestFixture]
public sealed class ClickHouseServerTests
{
    private ClickHouseServer _shared = null!;

    [OneTimeSetUp]
    public async Task StartSharedServerAsync() => _shared = await ClickHouseServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopSharedServerAsync() => await _shared.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_answers_ping_on_its_loopback_http_url_in_utc(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var ping = await http.GetStringAsync(new Uri(_shared.HttpUrl, "ping"), cancellationToken);
        var timezone = await _shared.ExecuteAsync("SELECT timezone()", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(_shared.HttpUrl.ToString(), Is.EqualTo($"http://127.0.0.1:{_shared.HttpPort}/"));
            Assert.That(ping, Is.EqualTo("Ok.\n"));
            Assert.That(timezone.Trim(), Does.EndWith("UTC"));
            Assert.That(_shared.TcpPort, Is.Not.EqualTo(_shared.HttpPort));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_answers_clickhouse_client_on_its_tcp_port(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("clickhouse-client") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", $"{_shared.TcpPort}", "--query", "SELECT 40 + 2" })
        {
            info.ArgumentList.Add(arg);
        }

        using var client = Process.Start(info)!;
        var output = await client.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await client.StandardError.ReadToEndAsync(cancellationToken);
        await client.WaitForExitAsync(cancellationToken);

        Assert.That(output.Trim(), Is.EqualTo("42"), errors);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_keeps_each_tests_rows_in_its_own_database(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("store");

        await CreateTableWithRowsAsync(_shared, database, cancellationToken);

        Assert.That(await SumAsync(_shared, database, cancellationToken), Is.EqualTo("6"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_accepts_the_test_user_only_with_its_password(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var right = new Uri(_shared.HttpUrl, $"?user={ClickHouseServer.TestUser}&password={ClickHouseServer.TestPassword}&query=SELECT+1");
        var wrong = new Uri(_shared.HttpUrl, $"?user={ClickHouseServer.TestUser}&password=wrong&query=SELECT+1");

        using var accepted = await http.GetAsync(right, cancellationToken);
        using var rejected = await http.GetAsync(wrong, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(await accepted.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("1\n"));
            Assert.That(accepted.IsSuccessStatusCode, Is.True);
            Assert.That(rejected.IsSuccessStatusCode, Is.False);
            Assert.That(await rejected.Content.ReadAsStringAsync(cancellationToken), Does.Contain("Wrong password"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public void ClickHouse_sql_errors_carry_the_servers_message(CancellationToken cancellationToken)
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(
            () => _shared.ExecuteAsync("SELECT no_such_column FROM system.one", cancellationToken));

        Assert.That(error!.Message, Does.Contain("no_such_column"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_killed_with_sigkill_restarts_on_the_same_ports_keeping_its_data(CancellationToken cancellationToken)
    {
        await using var server = await ClickHouseServer.StartNewAsync(cancellationToken);
        var database = TestNames.Unique("store");
        await CreateTableWithRowsAsync(server, database, cancellationToken);
        var (httpPort, tcpPort, pid) = (server.HttpPort, server.TcpPort, server.ProcessId!.Value);

        await server.KillAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(server.IsRunning, Is.False);
            Assert.That(ProcessState.IsAlive(pid), Is.False);
        });
        await server.StartAsync(cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((server.HttpPort, server.TcpPort), Is.EqualTo((httpPort, tcpPort)));
            Assert.That(server.ProcessId, Is.Not.EqualTo(pid));
            Assert.That(await SumAsync(server, database, cancellationToken), Is.EqualTo("6"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_restarts_gracefully_keeping_its_data(CancellationToken cancellationToken)
    {
        await using var server = await ClickHouseServer.StartNewAsync(cancellationToken);
        var database = TestNames.Unique("store");
        await CreateTableWithRowsAsync(server, database, cancellationToken);
        var pid = server.ProcessId!.Value;

        await server.RestartAsync(cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(ProcessState.IsAlive(pid), Is.False);
            Assert.That(server.IsRunning, Is.True);
            Assert.That(await SumAsync(server, database, cancellationToken), Is.EqualTo("6"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Disposing_a_clickhouse_server_twice_leaves_no_process_and_no_temp_directory(CancellationToken cancellationToken)
    {
        var server = await ClickHouseServer.StartNewAsync(cancellationToken);
        Assert.That(File.Exists(Path.Combine(server.DataDirectory, "config.xml")), Is.True);

        await FixtureChecks.DisposeTwiceAndAssertNothingIsLeftAsync(server, server.ProcessId!.Value, server.DataDirectory);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ClickHouse_server_restart_on_a_port_taken_meanwhile_fails_with_its_error_log(CancellationToken cancellationToken)
    {
        await using var server = await ClickHouseServer.StartNewAsync(cancellationToken);
        await server.StopAsync(cancellationToken);

        var error = FixtureChecks.StartWithPortTaken(server.HttpPort, () => server.StartAsync(cancellationToken));

        Assert.That(error, Does.Contain("clickhouse-server exited with code").And.Contain("Address already in use"));
        Assert.That(server.IsRunning, Is.False);
    }

    [Test]
    public void Missing_clickhouse_server_binary_fails_with_a_message_naming_the_bootstrap_script()
    {
        var options = new ClickHouseServerOptions { BinaryPath = "/nonexistent/clickhouse-server" };

        var error = Assert.ThrowsAsync<FileNotFoundException>(() => ClickHouseServer.StartNewAsync(options));

        Assert.That(error!.Message, Does.StartWith("clickhouse-server not found: run scripts/bootstrap.sh as root to install it"));
    }

    private static async Task CreateTableWithRowsAsync(ClickHouseServer server, string database, CancellationToken cancellationToken)
    {
        await server.ExecuteAsync($"CREATE DATABASE {database}", cancellationToken);
        await server.ExecuteAsync(
            $"CREATE TABLE {database}.ticks (id UInt64, qty Int64) ENGINE = MergeTree ORDER BY id",
            cancellationToken);
        await server.ExecuteAsync($"INSERT INTO {database}.ticks VALUES (1, 1), (2, 2), (3, 3)", cancellationToken);
    }

    private static async Task<string> SumAsync(ClickHouseServer server, string database, CancellationToken cancellationToken) =>
        (await server.ExecuteAsync($"SELECT sum(qty) FROM {database}.ticks", cancellationToken)).Trim();
}
