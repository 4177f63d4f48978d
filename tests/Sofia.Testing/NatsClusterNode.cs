using System.Globalization;
using Sofia.Testing.Internal;

namespace Sofia.Testing;

/// <summary>
/// One nats-server of a <see cref="NatsCluster"/>, with its own ports, store and watchdog. Kill, stop and
/// start it to simulate a node's crash; a start waits until it has routes to every other running node.
/// </summary>
public sealed class NatsClusterNode : IAsyncDisposable
{
    private readonly NatsCluster _cluster;
    private readonly NatsClusterOptions _options;
    private readonly ServerHost _host;
    private bool _portsChosenByCluster;

    internal NatsClusterNode(NatsCluster cluster, SupervisedProcess supervisor, string binary, string name, NatsClusterOptions options)
    {
        _cluster = cluster;
        _options = options;
        Name = name;
        var spec = new ServerSpec(
            $"nats-server {name}",
            binary,
            options.StartTimeout,
            options.StopTimeout,
            Arguments,
            ChoosePorts,
            IsReadyAsync,
            run => LogTail.Describe(($"nats-server {name} output", supervisor.ServerOutputTail(run.OutputOffset))));
        _host = new ServerHost(supervisor, spec);
    }

    /// <summary>The server name (<c>-n</c>), e.g. <c>n1</c>; what INFO announces as <c>server_name</c>.</summary>
    public string Name { get; }

    /// <summary>The client URL, <c>nats://127.0.0.1:PORT</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}");

    /// <summary>The client address as INFO <c>connect_urls</c> lists it, <c>127.0.0.1:PORT</c>.</summary>
    public string HostPort => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The monitoring endpoint's base URL, <c>http://127.0.0.1:MONITORPORT/</c> (varz, routez, healthz).</summary>
    public Uri MonitorUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{MonitorPort}/"));

    /// <summary>The client port; the same across restarts.</summary>
    public int Port { get; private set; }

    /// <summary>The monitoring port; the same across restarts.</summary>
    public int MonitorPort { get; private set; }

    /// <summary>The route port the other nodes connect to; the same across restarts.</summary>
    public int ClusterPort { get; private set; }

    /// <summary>The temp directory that holds the store and the node's output; removed on dispose.</summary>
    public string DataDirectory => _host.Supervisor.Directory;

    /// <summary>The JetStream store directory (<c>-sd</c>); kept across stop, kill and restart.</summary>
    public string StoreDirectory => Path.Combine(DataDirectory, "store");

    /// <summary>The node's process id, or null while it is stopped.</summary>
    public int? ProcessId => _host.ProcessId;

    /// <summary>Whether the node's process is running.</summary>
    public bool IsRunning => _host.IsRunning;

    /// <summary>The watchdog's process id, for the harness's own cleanup tests.</summary>
    internal int WatchdogProcessId => _host.Supervisor.SupervisorPid;

    internal ServerHost Host => _host;

    /// <summary>Starts the stopped or killed node again on the same ports with the same store, and waits until it rejoins.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <summary>Stops the node gracefully (SIGTERM), killing it if it does not exit in time.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Kills the node with SIGKILL, as a crash would.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => _host.KillAsync(cancellationToken);

    /// <summary>Stops the node gracefully and starts it again on the same ports with the same store.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => _host.RestartAsync(cancellationToken);

    /// <summary>The end of the node's output, for diagnostics.</summary>
    public string ReadLogTail() => _host.Supervisor.ServerOutputTail();

    /// <summary>The node's route count from its monitoring endpoint; -1 while it does not answer.</summary>
    public Task<int> RouteCountAsync(CancellationToken cancellationToken = default) =>
        NatsProbe.RouteCountAsync(_cluster.Http, MonitorUrl, cancellationToken);

    /// <summary>Stops the node and removes its temp directory; <see cref="NatsCluster.DisposeAsync"/> does this for every node.</summary>
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>Picks this node's ports before any node starts, so every node's routes can name every other.</summary>
    internal void ChoosePortsUpFront(ISet<int> taken)
    {
        AssignPorts(taken);
        _portsChosenByCluster = true;
    }

    private static int NextFree(ISet<int> taken)
    {
        int port;
        do
        {
            port = FreePort.Next();
        }
        while (!taken.Add(port));
        return port;
    }

    private void ChoosePorts()
    {
        // The first attempt uses the ports the cluster chose; a retry after "address in use" takes new ones
        // (the routes the others were started with then miss this node, but its own routes reach them).
        if (_portsChosenByCluster)
        {
            _portsChosenByCluster = false;
            return;
        }

        AssignPorts(_cluster.TakenPorts(except: this));
    }

    private void AssignPorts(ISet<int> taken) =>
        (Port, MonitorPort, ClusterPort) = (NextFree(taken), NextFree(taken), NextFree(taken));

    private List<string> Arguments()
    {
        List<string> args =
        [
            "-a", "127.0.0.1",
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-m", MonitorPort.ToString(CultureInfo.InvariantCulture),
            "-n", Name,
            "--cluster_name", _cluster.Name,
            "--cluster", string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{ClusterPort}"),
        ];
        var routes = _cluster.RouteUrls(except: this);
        if (routes.Length > 0)
        {
            args.AddRange(["--routes", routes]);
        }

        if (_options.JetStream)
        {
            args.AddRange(["-js", "-sd", StoreDirectory]);
        }

        args.AddRange(_options.ExtraArguments);
        return args;
    }

    // Before the cluster has first formed, a node is ready once it answers (the cluster waits for routes);
    // afterwards a restarted node is ready once it routes to every running node and, when all run, the cluster is healthy.
    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        await NatsProbe.AnswersAsync(Port, cancellationToken)
        && (!_cluster.HasFormed || await _cluster.IsJoinedAsync(this, cancellationToken));
}
