using System.Net;
using System.Text.Json;

namespace Sofia.Testing.Tests;

[TestFixture]
public sealed class NatsServerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private NatsServer _shared = null!;

    [OneTimeSetUp]
    public async Task StartSharedServerAsync() => _shared = await NatsServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopSharedServerAsync() => await _shared.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task Nats_server_answers_on_its_url_with_jetstream_enabled(CancellationToken cancellationToken)
    {
        await using var wire = await NatsWire.ConnectAsync(_shared.Port, cancellationToken);
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(_shared.MonitorUrl, "healthz?js-enabled-only=true"), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(_shared.Url, Is.EqualTo($"nats://127.0.0.1:{_shared.Port}"));
            Assert.That(_shared.MonitorUrl.ToString(), Is.EqualTo($"http://127.0.0.1:{_shared.MonitorPort}/"));
            Assert.That(wire.Info, Does.StartWith("INFO ").And.Contain("\"jetstream\":true"));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_shared.IsRunning, Is.True);
            Assert.That(Directory.Exists(_shared.StoreDirectory), Is.True);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Nats_server_stores_a_jetstream_stream_under_a_unique_test_name(CancellationToken cancellationToken)
    {
        var stream = TestNames.Unique("ticks");
        await using var wire = await NatsWire.ConnectAsync(_shared.Port, cancellationToken);

        await CreateStreamWithOneMessageAsync(wire, stream, cancellationToken);

        Assert.That(await CountMessagesAsync(wire, stream, cancellationToken), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Nats_server_restarts_on_the_same_port_keeping_its_store(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(cancellationToken);
        var stream = TestNames.Unique("ticks");
        await using (var wire = await NatsWire.ConnectAsync(server.Port, cancellationToken))
        {
            await CreateStreamWithOneMessageAsync(wire, stream, cancellationToken);
        }

        var (port, monitorPort, pid) = (server.Port, server.MonitorPort, server.ProcessId!.Value);
        await server.RestartAsync(cancellationToken);

        await using var again = await NatsWire.ConnectAsync(server.Port, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That((server.Port, server.MonitorPort), Is.EqualTo((port, monitorPort)));
            Assert.That(server.ProcessId, Is.Not.EqualTo(pid));
            Assert.That(ProcessState.IsAlive(pid), Is.False);
            Assert.That(await CountMessagesAsync(again, stream, cancellationToken), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Nats_server_killed_with_sigkill_starts_again_keeping_its_store(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(cancellationToken);
        var stream = TestNames.Unique("fills");
        await using (var wire = await NatsWire.ConnectAsync(server.Port, cancellationToken))
        {
            await CreateStreamWithOneMessageAsync(wire, stream, cancellationToken);
        }

        var pid = server.ProcessId!.Value;
        await server.KillAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(server.IsRunning, Is.False);
            Assert.That(server.ProcessId, Is.Null);
            Assert.That(ProcessState.IsAlive(pid), Is.False);
        });

        await server.StartAsync(cancellationToken);

        await using var again = await NatsWire.ConnectAsync(server.Port, cancellationToken);
        Assert.That(await CountMessagesAsync(again, stream, cancellationToken), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Nats_server_stops_gracefully_and_refuses_connections_until_started(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(cancellationToken);
        var pid = server.ProcessId!.Value;

        await server.StopAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(server.IsRunning, Is.False);
            Assert.That(ProcessState.IsAlive(pid), Is.False);
            Assert.That(server.ReadLogTail(), Does.Contain("Server Exiting").Or.Contain("Trapped"));
        });
        Assert.ThrowsAsync(Is.InstanceOf<System.Net.Sockets.SocketException>(), async () =>
        {
            await using var refused = await NatsWire.ConnectAsync(server.Port, cancellationToken);
        });

        await server.StartAsync(cancellationToken);
        await using var wire = await NatsWire.ConnectAsync(server.Port, cancellationToken);
        Assert.That(wire.Info, Does.StartWith("INFO "));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Disposing_a_nats_server_twice_leaves_no_process_and_no_temp_directory(CancellationToken cancellationToken)
    {
        var server = await NatsServer.StartNewAsync(cancellationToken);
        Assert.That(Directory.Exists(server.DataDirectory), Is.True);

        await FixtureChecks.DisposeTwiceAndAssertNothingIsLeftAsync(server, server.ProcessId!.Value, server.DataDirectory);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Nats_server_restart_on_a_port_taken_meanwhile_fails_with_the_servers_output(CancellationToken cancellationToken)
    {
        await using var server = await NatsServer.StartNewAsync(cancellationToken);
        await server.StopAsync(cancellationToken);

        var error = FixtureChecks.StartWithPortTaken(server.Port, () => server.StartAsync(cancellationToken));

        Assert.That(error, Does.Contain("nats-server exited with code").And.Contain("address already in use"));
        Assert.That(server.IsRunning, Is.False);
    }

    [Test]
    public void Missing_nats_server_binary_fails_with_a_message_naming_the_bootstrap_script()
    {
        var options = new NatsServerOptions { BinaryPath = "/nonexistent/nats-server" };

        var error = Assert.ThrowsAsync<FileNotFoundException>(() => NatsServer.StartNewAsync(options));

        Assert.That(error!.Message, Does.StartWith("nats-server not found: run scripts/bootstrap.sh as root to install it"));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Nats_server_that_cannot_start_fails_with_its_output_and_leaves_nothing_behind(CancellationToken cancellationToken)
    {
        var before = SofiaTempDirectories();
        var options = new NatsServerOptions { ExtraArguments = ["--no-such-flag"] };

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => NatsServer.StartNewAsync(options, cancellationToken));

        Assert.That(error!.Message, Does.Contain("nats-server exited with code").And.Contain("no-such-flag"));
        Assert.That(SofiaTempDirectories().Except(before), Is.Empty);
    }

    // Only directories this test host could have leaked: other test runs on the machine make their own.
    private static string[] SofiaTempDirectories() =>
        Array.FindAll(Directory.GetDirectories(Path.GetTempPath(), "sofia-nats.*"), CouldBelongToThisProcess);

    private static bool CouldBelongToThisProcess(string directory)
    {
        string watchdog;
        try
        {
            watchdog = File.ReadAllText(Path.Combine(directory, "watchdog.pid")).Trim();
        }
        catch (IOException)
        {
            return false; // Being created or removed by another test host right now.
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{watchdog}/stat");
        }
        catch (IOException)
        {
            return true; // Its watchdog is gone yet the directory stayed: a leak, whoever made it.
        }

        // Field 4 of /proc/PID/stat, after the parenthesised command name, is the parent pid.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[1] == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task CreateStreamWithOneMessageAsync(NatsWire wire, string stream, CancellationToken cancellationToken)
    {
        var config = $$"""{"name":"{{stream}}","subjects":["{{stream}}.>"],"storage":"file"}""";
        var created = await wire.RequestAsync($"$JS.API.STREAM.CREATE.{stream}", config, cancellationToken);
        Assert.That(created, Does.Not.Contain("\"error\""), created);

        var ack = await wire.RequestAsync($"{stream}.BTC-USDT", "{\"price\":\"1\"}", cancellationToken);
        Assert.That(ack, Does.Contain($"\"stream\":\"{stream}\""), ack);
    }

    private static async Task<long> CountMessagesAsync(NatsWire wire, string stream, CancellationToken cancellationToken)
    {
        var info = await wire.RequestAsync($"$JS.API.STREAM.INFO.{stream}", string.Empty, cancellationToken);
        using var json = JsonDocument.Parse(info);
        return json.RootElement.GetProperty("state").GetProperty("messages").GetInt64();
    }
}
