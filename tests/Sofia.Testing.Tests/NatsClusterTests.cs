using System.Net;
using System.Text.Json;

namespace Sofia.Testing.Tests;

[TestFixture]
[Category("Slow")]
public sealed class NatsClusterTests
{
    private NatsCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _cluster = await NatsCluster.StartNewAsync(3, cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    [Test]
    [CancelAfter(60_000)]
    public async Task Every_node_routes_to_both_others_is_healthy_and_announces_all_three_client_urls(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        foreach (var node in _cluster.Nodes)
        {
            await using var wire = await NatsWire.ConnectAsync(node.Port, cancellationToken);
            using var info = JsonDocument.Parse(wire.Info["INFO ".Length..]);
            var connectUrls = info.RootElement.GetProperty("connect_urls").EnumerateArray().Select(url => url.GetString()).ToList();
            using var health = await http.GetAsync(new Uri(node.MonitorUrl, "healthz"), cancellationToken);

            Assert.Multiple(async () =>
            {
                Assert.That(await node.RouteCountAsync(cancellationToken), Is.EqualTo(2), node.Name);
                Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), node.Name);
                Assert.That(info.RootElement.GetProperty("server_name").GetString(), Is.EqualTo(node.Name));
                Assert.That(info.RootElement.GetProperty("cluster").GetString(), Is.EqualTo(_cluster.Name));
                Assert.That(connectUrls, Is.EquivalentTo(_cluster.Nodes.Select(n => n.HostPort)), node.Name);
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(_cluster.Nodes.Select(n => n.Name), Is.EqualTo(new List<string> { "n1", "n2", "n3" }));
            Assert.That(_cluster.Urls, Is.EqualTo(_cluster.Nodes.Select(n => $"nats://127.0.0.1:{n.Port}")));
            Assert.That(_cluster.Nodes.SelectMany(n => new[] { n.Port, n.MonitorPort, n.ClusterPort }).Distinct().Count(), Is.EqualTo(9));
            Assert.That(_cluster.Nodes.Select(n => n.DataDirectory).Distinct().Count(), Is.EqualTo(3));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Killed_node_drops_out_of_the_routes_and_rejoins_on_its_ports_when_started_again(CancellationToken cancellationToken)
    {
        var stream = TestNames.Unique("ticks");
        var (survivor, victim) = (_cluster.Nodes[0], _cluster.Nodes[1]);
        await using (var wire = await NatsWire.ConnectAsync(survivor.Port, cancellationToken))
        {
            var created = await wire.RequestAsync(
                $"$JS.API.STREAM.CREATE.{stream}", $$"""{"name":"{{stream}}","subjects":["{{stream}}.>"],"num_replicas":3}""", cancellationToken);
            Assert.That(created, Does.Not.Contain("\"error\""), created);
        }

        var (pid, ports) = (victim.ProcessId!.Value, (victim.Port, victim.MonitorPort, victim.ClusterPort));
        await victim.KillAsync(cancellationToken);
        await _cluster.WaitUntilFormedAsync(cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(victim.IsRunning, Is.False);
            Assert.That(ProcessState.IsAlive(pid), Is.False);
            Assert.That(await survivor.RouteCountAsync(cancellationToken), Is.EqualTo(1));
            Assert.That(await _cluster.Nodes[2].RouteCountAsync(cancellationToken), Is.EqualTo(1));
        });

        await victim.StartAsync(cancellationToken);

        await using var rejoined = await NatsWire.ConnectAsync(victim.Port, cancellationToken);
        var info = await rejoined.RequestAsync($"$JS.API.STREAM.INFO.{stream}", string.Empty, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That((victim.Port, victim.MonitorPort, victim.ClusterPort), Is.EqualTo(ports));
            Assert.That(victim.ProcessId, Is.Not.EqualTo(pid));
            foreach (var node in _cluster.Nodes)
            {
                Assert.That(await node.RouteCountAsync(cancellationToken), Is.EqualTo(2), node.Name);
            }

            Assert.That(info, Does.Contain($"\"name\":\"{stream}\"").And.Not.Contain("\"error\""), info);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Restarted_node_stops_gracefully_and_rejoins(CancellationToken cancellationToken)
    {
        var node = _cluster.Nodes[2];
        var pid = node.ProcessId!.Value;

        await node.RestartAsync(cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(ProcessState.IsAlive(pid), Is.False);
            Assert.That(node.IsRunning, Is.True);
            Assert.That(node.ReadLogTail(), Does.Contain("Server Exiting").Or.Contain("Trapped"));
            Assert.That(await node.RouteCountAsync(cancellationToken), Is.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Cluster_without_jetstream_forms_its_routes_and_disposes_leaving_no_process_and_no_directory(
        CancellationToken cancellationToken)
    {
        var cluster = await NatsCluster.StartNewAsync(2, new NatsClusterOptions { JetStream = false }, cancellationToken);
        var nodes = cluster.Nodes.Select(n => (Pid: n.ProcessId!.Value, n.DataDirectory)).ToList();
        await using (var wire = await NatsWire.ConnectAsync(cluster.Nodes[0].Port, cancellationToken))
        {
            Assert.Multiple(async () =>
            {
                Assert.That(wire.Info, Does.Not.Contain("\"jetstream\":true"));
                Assert.That(await cluster.Nodes[0].RouteCountAsync(cancellationToken), Is.EqualTo(1));
                Assert.That(await cluster.Nodes[1].RouteCountAsync(cancellationToken), Is.EqualTo(1));
            });
        }

        await cluster.DisposeAsync();
        await cluster.DisposeAsync();

        Assert.Multiple(() =>
        {
            foreach (var (pid, directory) in nodes)
            {
                Assert.That(ProcessState.IsAlive(pid), Is.False);
                Assert.That(Directory.Exists(directory), Is.False);
            }
        });
    }

    [Test]
    public void Cluster_of_no_nodes_is_refused() =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NatsCluster.StartNewAsync(0));
}
