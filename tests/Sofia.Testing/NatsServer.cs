using System.Globalization;
using Sofia.Testing.Internal;

namespace Sofia.Testing;

/// <summary>
/// A real nats-server with JetStream, run as a child process on free loopback ports with its store in a
/// temp directory. Start one per fixture (<c>[OneTimeSetUp]</c>) and give each test a unique prefix
/// (<see cref="TestNames.Unique"/>). A watchdog kills the server and removes the directory when the
/// fixture is disposed or the test host dies, even by kill -9.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private readonly ServerHost _host;
    private readonly HttpClient _http = new() { Timeout = NatsProbe.Timeout };

    private NatsServer(SupervisedProcess supervisor, string binary, NatsServerOptions options)
    {
        var spec = new ServerSpec(
            "nats-server",
            binary,
            options.StartTimeout,
            options.StopTimeout,
            () => Arguments(options),
            ChoosePorts,
            IsReadyAsync,
            run => LogTail.Describe(("nats-server output", supervisor.ServerOutputTail(run.OutputOffset))));
        _host = new ServerHost(supervisor, spec);
    }

    /// <summary>The client URL, <c>nats://127.0.0.1:PORT</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}");

    /// <summary>The monitoring endpoint's base URL, <c>http://127.0.0.1:MONITORPORT/</c> (varz, jsz, healthz).</summary>
    public Uri MonitorUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{MonitorPort}/"));

    /// <summary>The client port; the same across restarts.</summary>
    public int Port { get; private set; }

    /// <summary>The monitoring port; the same across restarts.</summary>
    public int MonitorPort { get; private set; }

    /// <summary>The temp directory that holds the store and the server's output; removed on dispose.</summary>
    public string DataDirectory => _host.Supervisor.Directory;

    /// <summary>The JetStream store directory (<c>-sd</c>); kept across stop, kill and restart.</summary>
    public string StoreDirectory => Path.Combine(DataDirectory, "store");

    /// <summary>The server's process id, or null while it is stopped.</summary>
    public int? ProcessId => _host.ProcessId;

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _host.IsRunning;

    /// <summary>The watchdog's process id, for the harness's own cleanup tests.</summary>
    internal int WatchdogProcessId => _host.Supervisor.SupervisorPid;

    /// <summary>Starts a nats-server with default options and waits until it answers.</summary>
    /// <exception cref="FileNotFoundException">nats-server is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message holds its output.</exception>
    public static Task<NatsServer> StartNewAsync(CancellationToken cancellationToken = default) =>
        StartNewAsync(new NatsServerOptions(), cancellationToken);

    /// <summary>Starts a nats-server and waits until it answers, with its JetStream health check passing.</summary>
    /// <exception cref="FileNotFoundException">The binary is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message holds its output.</exception>
    public static async Task<NatsServer> StartNewAsync(NatsServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binary = ServerBinary.ResolveInstalled(options.BinaryPath, "nats-server", "SOFIA_NATS_SERVER");
        return await ServerHost.LaunchAsync(
            "sofia-nats", supervisor => new NatsServer(supervisor, binary, options), server => server._host, cancellationToken);
    }

    /// <summary>Starts the stopped or killed server again on the same ports with the same store.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <summary>Stops the server gracefully (SIGTERM), killing it if it does not exit in time.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Kills the server with SIGKILL, as a crash would.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => _host.KillAsync(cancellationToken);

    /// <summary>Stops the server gracefully and starts it again on the same ports with the same store.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => _host.RestartAsync(cancellationToken);

    /// <summary>The end of the server's output, for diagnostics.</summary>
    public string ReadLogTail() => _host.Supervisor.ServerOutputTail();

    /// <summary>Stops the server and removes its temp directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _http.Dispose();
    }

    private List<string> Arguments(NatsServerOptions options)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var monitorPort = MonitorPort.ToString(CultureInfo.InvariantCulture);
        List<string> args = ["-js", "-sd", StoreDirectory, "-a", "127.0.0.1", "-p", port, "-m", monitorPort, "-n", "sofia-test"];
        args.AddRange(options.ExtraArguments);
        return args;
    }

    private void ChoosePorts()
    {
        Port = FreePort.Next();
        do
        {
            MonitorPort = FreePort.Next();
        }
        while (MonitorPort == Port);
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        await NatsProbe.AnswersAsync(Port, cancellationToken)
        && await NatsProbe.IsHealthyAsync(_http, MonitorUrl, "?js-enabled-only=true", cancellationToken);
}
