using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sofia.Testing.Internal;

namespace Sofia.Testing;

/// <summary>
/// A cluster of real nats-servers on loopback, each node with its own ports, temp directory and watchdog
/// (as <see cref="NatsServer"/>), fully meshed by explicit routes. Kill, stop and start single nodes
/// (<see cref="Nodes"/>) to test failover. Every node is killed and its directory removed when the
/// cluster is disposed or the test host dies, even by kill -9.
/// </summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private readonly NatsClusterOptions _options;
    private readonly List<NatsClusterNode> _nodes = [];
    private volatile bool _hasFormed;
    private int _disposed;

    private NatsCluster(NatsClusterOptions options)
    {
        _options = options;
        Name = "sofia-" + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The cluster name (<c>--cluster_name</c>), unique per cluster.</summary>
    public string Name { get; }

    /// <summary>The nodes, named <c>n1</c>, <c>n2</c>, ….</summary>
    public IReadOnlyList<NatsClusterNode> Nodes => _nodes;

    /// <summary>Every node's client URL, for a client's server list.</summary>
    public IReadOnlyList<string> Urls => _nodes.ConvertAll(node => node.Url);

    internal HttpClient Http { get; } = new() { Timeout = NatsProbe.Timeout };

    internal bool HasFormed => _hasFormed;

    /// <summary>
    /// Starts <paramref name="nodeCount"/> nodes at once and waits until every node routes to every other and,
    /// with JetStream, every node's <c>healthz</c> is ok (a meta leader is elected).
    /// </summary>
    /// <exception cref="FileNotFoundException">nats-server is not installed.</exception>
    /// <exception cref="InvalidOperationException">A node did not start or the cluster did not form; the message holds the output.</exception>
    public static async Task<NatsCluster> StartNewAsync(int nodeCount, NatsClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        options ??= new NatsClusterOptions();
        var binary = ServerBinary.ResolveInstalled(options.BinaryPath, "nats-server", "SOFIA_NATS_SERVER");
        var cluster = new NatsCluster(options);
        try
        {
            for (var i = 1; i <= nodeCount; i++)
            {
                var supervisor = await SupervisedProcess.LaunchAsync("sofia-nats", cancellationToken);
                cluster._nodes.Add(new NatsClusterNode(
                    cluster, supervisor, binary, string.Create(CultureInfo.InvariantCulture, $"n{i}"), options));
            }

            var taken = new HashSet<int>();
            foreach (var node in cluster._nodes)
            {
                node.ChoosePortsUpFront(taken);
            }

            // All at once: a JetStream node alone never becomes healthy, and each node only needs to answer here.
            await Task.WhenAll(cluster._nodes.Select(node => node.Host.StartOnFreshPortsAsync(cancellationToken)));
            await cluster.WaitUntilFormedAsync(cancellationToken);
            cluster._hasFormed = true;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until every running node routes to every other running node and, with JetStream and every node
    /// running, every node's <c>healthz</c> is ok; e.g. after a kill, until the survivors have dropped its routes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not within the start timeout; the message holds each node's state and output.</exception>
    public async Task WaitUntilFormedAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var formed = true;
            foreach (var node in _nodes)
            {
                if (node.IsRunning && !await IsJoinedAsync(node, cancellationToken))
                {
                    formed = false;
                    break;
                }
            }

            if (formed)
            {
                return;
            }

            if (clock.Elapsed > _options.StartTimeout)
            {
                var seconds = _options.StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                throw new InvalidOperationException(
                    $"The nats-server cluster {Name} did not form within {seconds} s.{await DescribeAsync(cancellationToken)}");
            }

            await Task.Delay(ProbeInterval, cancellationToken);
        }
    }

    /// <summary>Stops every node and removes their temp directories.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(_nodes.Select(node => node.DisposeAsync().AsTask()));
        Http.Dispose();
    }

    /// <summary>Whether <paramref name="node"/> routes to every other running node and, when all run with JetStream, is healthy.</summary>
    internal async Task<bool> IsJoinedAsync(NatsClusterNode node, CancellationToken cancellationToken)
    {
        var others = _nodes.Count(other => other != node && other.IsRunning);
        if (await node.RouteCountAsync(cancellationToken) != others)
        {
            return false;
        }

        var whole = others == _nodes.Count - 1;
        return !_options.JetStream || !whole || await NatsProbe.IsHealthyAsync(Http, node.MonitorUrl, string.Empty, cancellationToken);
    }

    /// <summary>The other nodes' route URLs, comma-separated for <c>--routes</c>.</summary>
    internal string RouteUrls(NatsClusterNode except) => string.Join(
        ',',
        _nodes.Where(node => node != except).Select(node => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{node.ClusterPort}")));

    /// <summary>The ports the other nodes use, so a node that picks new ones does not collide with them.</summary>
    internal HashSet<int> TakenPorts(NatsClusterNode except) =>
        [.. _nodes.Where(node => node != except).SelectMany(node => new[] { node.Port, node.MonitorPort, node.ClusterPort })];

    private async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        foreach (var node in _nodes)
        {
            var routes = node.IsRunning ? await node.RouteCountAsync(cancellationToken) : -1;
            builder.Append(CultureInfo.InvariantCulture, $"\n{node.Name}: running {node.IsRunning}, routes {routes}")
                .Append(LogTail.Describe(($"nats-server {node.Name} output", node.ReadLogTail())));
        }

        return builder.ToString();
    }
}
