using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Sofia.Testing.Internal;

namespace Sofia.Testing;

/// <summary>
/// A real clickhouse-server (18.16 from Debian) run as a child process on free loopback ports, with a
/// generated config and its data and logs in a temp directory. Start one per fixture and give each test
/// its own database (<see cref="TestNames.Unique"/>). A watchdog kills the server and removes the
/// directory when the fixture is disposed or the test host dies, even by kill -9.
/// </summary>
public sealed class ClickHouseServer : IAsyncDisposable
{
    /// <summary>A second user, with a password, for authentication tests.</summary>
    public const string TestUser = "sofia_test";

    /// <summary>The password of <see cref="TestUser"/>; the <c>default</c> user has none.</summary>
    public const string TestPassword = "sofia-test-password";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly ServerHost _host;
    private readonly HttpClient _probe = NewClient(ProbeTimeout);
    private readonly HttpClient _http = NewClient(TimeSpan.FromSeconds(60));
    private long _errorLogOffset;

    private ClickHouseServer(SupervisedProcess supervisor, string binary, ClickHouseServerOptions options)
    {
        var spec = new ServerSpec(
            "clickhouse-server",
            binary,
            options.StartTimeout,
            options.StopTimeout,
            Arguments,
            ChoosePorts,
            IsReadyAsync,
            run => LogTail.Describe(
                ("clickhouse-server output", supervisor.ServerOutputTail(run.OutputOffset)),
                ("clickhouse-server error log", LogTail.Read(ErrorLogPath, _errorLogOffset))));
        _host = new ServerHost(supervisor, spec);
    }

    /// <summary>The HTTP interface, <c>http://127.0.0.1:HTTPPORT/</c>.</summary>
    public Uri HttpUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/"));

    /// <summary>The HTTP port; the same across restarts.</summary>
    public int HttpPort { get; private set; }

    /// <summary>The native TCP port (clickhouse-client <c>--port</c>); the same across restarts.</summary>
    public int TcpPort { get; private set; }

    /// <summary>The temp directory that holds config, data and logs; removed on dispose.</summary>
    public string DataDirectory => _host.Supervisor.Directory;

    /// <summary>The server's process id, or null while it is stopped.</summary>
    public int? ProcessId => _host.ProcessId;

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _host.IsRunning;

    /// <summary>The watchdog's process id, for the harness's own cleanup tests.</summary>
    internal int WatchdogProcessId => _host.Supervisor.SupervisorPid;

    private string ErrorLogPath => Path.Combine(DataDirectory, ClickHouseConfig.ErrorLogFile);

    /// <summary>Starts a clickhouse-server with default options and waits until <c>/ping</c> answers.</summary>
    /// <exception cref="FileNotFoundException">clickhouse-server is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message holds its logs.</exception>
    public static Task<ClickHouseServer> StartNewAsync(CancellationToken cancellationToken = default) =>
        StartNewAsync(new ClickHouseServerOptions(), cancellationToken);

    /// <summary>Starts a clickhouse-server and waits until <c>/ping</c> answers <c>Ok.</c>.</summary>
    /// <exception cref="FileNotFoundException">The binary is not installed.</exception>
    /// <exception cref="InvalidOperationException">The server did not start; the message holds its logs.</exception>
    public static async Task<ClickHouseServer> StartNewAsync(ClickHouseServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binary = ServerBinary.ResolveInstalled(options.BinaryPath, "clickhouse-server", "SOFIA_CLICKHOUSE_SERVER");
        return await ServerHost.LaunchAsync(
            "sofia-clickhouse", supervisor => new ClickHouseServer(supervisor, binary, options), server => server._host, cancellationToken);
    }

    /// <summary>
    /// Runs one SQL statement over HTTP as <c>default</c> and returns the response body
    /// (TabSeparated unless the statement says <c>FORMAT</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">ClickHouse answered with an error; the message holds it.</exception>
    public async Task<string> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(sql, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await _http.PostAsync(HttpUrl, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? body
            : throw new InvalidOperationException($"ClickHouse answered {(int)response.StatusCode}: {body.Trim()}");
    }

    /// <summary>Starts the stopped or killed server again on the same ports with the same data.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <summary>Stops the server gracefully (SIGTERM), killing it if it does not exit in time.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Kills the server with SIGKILL, as a crash would.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => _host.KillAsync(cancellationToken);

    /// <summary>Stops the server gracefully and starts it again on the same ports with the same data.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => _host.RestartAsync(cancellationToken);

    /// <summary>The end of the server's error log and console output, for diagnostics.</summary>
    public string ReadLogTail() => LogTail.Describe(
        ("clickhouse-server output", _host.Supervisor.ServerOutputTail()),
        ("clickhouse-server error log", LogTail.Read(ErrorLogPath)));

    /// <summary>Stops the server and removes its temp directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _probe.Dispose();
        _http.Dispose();
    }

    // Idle keep-alive connections hold up clickhouse-server's graceful shutdown, so ours close after each request.
    private static HttpClient NewClient(TimeSpan timeout)
    {
        var client = new HttpClient { Timeout = timeout };
        client.DefaultRequestHeaders.ConnectionClose = true;
        return client;
    }

    private List<string> Arguments()
    {
        // Each start's failure message shows only what this start logged.
        _errorLogOffset = File.Exists(ErrorLogPath) ? new FileInfo(ErrorLogPath).Length : 0;
        return [$"--config-file={Path.Combine(DataDirectory, "config.xml")}"];
    }

    private void ChoosePorts()
    {
        HttpPort = FreePort.Next();
        do
        {
            TcpPort = FreePort.Next();
        }
        while (TcpPort == HttpPort);

        ClickHouseConfig.Write(DataDirectory, HttpPort, TcpPort, TestUser, TestPassword);
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var answer = await _probe.GetStringAsync(new Uri(HttpUrl, "ping"), timeout.Token);
            return answer.Trim() == "Ok.";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
