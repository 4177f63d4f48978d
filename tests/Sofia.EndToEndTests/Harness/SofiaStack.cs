using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.EndToEndTests.Harness;

/// <summary>
/// Sofia running for real: nats-server and clickhouse-server (Sofia.Testing fixtures), the exchange simulator
/// (<c>sofia simulate-exchange</c>) and the ingestor, tick writer, signal hub and paper OMS, each its own process from
/// its build output, configured through <c>SOFIA_</c> environment variables on free ports. Each process can be
/// killed (SIGKILL), stopped (SIGTERM) and started again on the same port; disposing stops everything.
/// </summary>
internal sealed class SofiaStack : IAsyncDisposable
{
    public const string Simulator = "simulator";
    public const string Ingestor = "ingestor";
    public const string TickWriter = "tick-writer";
    public const string SignalHub = "signal-hub";
    public const string PaperOms = "paper-oms";
    public const string ApiKey = "e2e-paper-oms-api-key";

    private static readonly string[] StartOrder = [TickWriter, SignalHub, PaperOms, Simulator, Ingestor];

    private readonly Dictionary<string, ServiceSpec> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChildProcess> _processes = new(StringComparer.Ordinal);

    private SofiaStack(StackSettings settings, NatsServer nats, ClickHouseServer clickHouse, string database)
    {
        Settings = settings;
        Nats = nats;
        ClickHouse = clickHouse;
        Database = database;
        Bus = new NatsMessageBus(new NatsClientOptions { Url = nats.Url, Name = "sofia-e2e-test" });
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public StackSettings Settings { get; }

    public NatsServer Nats { get; }

    public ClickHouseServer ClickHouse { get; }

    /// <summary>The ClickHouse database the tick writer migrates and fills.</summary>
    public string Database { get; }

    /// <summary>A bus client of the test's own, for reading streams and consumer states.</summary>
    public NatsMessageBus Bus { get; }

    /// <summary>An HTTP client that sends the paper OMS's API key.</summary>
    public HttpClient Http { get; }

    /// <summary>The plan file the signal hub reads.</summary>
    public string PlanPath => Path.Combine(Settings.LogDirectory, "strategies.yaml");

    /// <summary>Starts the servers and every process, and waits until each service is ready.</summary>
    public static async Task<SofiaStack> StartAsync(StackSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.LogDirectory);
        var nats = await NatsServer.StartNewAsync(cancellationToken);
        ClickHouseServer? clickHouse = null;
        SofiaStack? stack = null;
        try
        {
            clickHouse = await ClickHouseServer.StartNewAsync(cancellationToken);
            var database = TestNames.Unique("e2e");
            await clickHouse.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {database}", cancellationToken);
            stack = new SofiaStack(settings, nats, clickHouse, database);
            await File.WriteAllTextAsync(stack.PlanPath, settings.StrategyPlan, cancellationToken);
            await stack.DefineAsync(cancellationToken);
            foreach (var name in StartOrder)
            {
                await stack.StartAsync(name, cancellationToken);
            }

            return stack;
        }
        catch
        {
            if (stack is not null)
            {
                await stack.DisposeAsync();
            }
            else
            {
                if (clickHouse is not null)
                {
                    await clickHouse.DisposeAsync();
                }

                await nats.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The base address of a service's HTTP endpoint.</summary>
    public Uri BaseUri(string name) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_specs[name].Port}/"));

    /// <summary>True while the process runs.</summary>
    public bool IsRunning(string name) => _processes.TryGetValue(name, out var process) && process.IsRunning;

    /// <summary>Starts the process (again) and waits until it is ready.</summary>
    public async Task StartAsync(string name, CancellationToken cancellationToken)
    {
        var spec = _specs[name];
        if (!_processes.TryGetValue(name, out var process))
        {
            process = await ChildProcess.LaunchAsync(name, Path.Combine(Settings.LogDirectory, name + ".log"), cancellationToken);
            _processes.Add(name, process);
        }

        await process.StartAsync(Path.GetDirectoryName(spec.Dll)!, spec.Environment, ["dotnet", spec.Dll, .. spec.Arguments], cancellationToken);
        await WaitReadyAsync(name, cancellationToken);
    }

    /// <summary>Kills the process with SIGKILL and waits until it is gone.</summary>
    public Task KillAsync(string name, CancellationToken cancellationToken) =>
        _processes[name].StopAsync("KILL", TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>Stops the process with SIGTERM (a graceful drain), SIGKILL after a minute.</summary>
    public Task StopAsync(string name, CancellationToken cancellationToken) =>
        _processes[name].StopAsync("TERM", TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Polls <c>/health/ready</c> (the simulator: any answer) until it answers 200; fails if the process exits.</summary>
    public async Task WaitReadyAsync(string name, CancellationToken cancellationToken)
    {
        var path = name == Simulator ? "_sim/status" : "health/ready";
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (!_processes[name].IsRunning)
            {
                throw new InvalidOperationException($"{name} exited before it was ready.\n{Describe(name)}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUri(name), path), cancellationToken);
                if (response.IsSuccessStatusCode || name == Simulator)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{name} was not ready within 3 minutes (last: {last}).\n{Describe(name)}");
    }

    /// <summary>
    /// Waits until every consumer of the pipeline has nothing pending or unacknowledged (twice in a row), i.e. all
    /// ticks are stored, turned into signals and traded. Call it once the ingestor has stopped publishing.
    /// </summary>
    public async Task WaitUntilDrainedAsync(CancellationToken cancellationToken)
    {
        var consumers = new List<(string Stream, string Durable)>
        {
            (Streams.Ticks.Name, Durables.TickWriter),
            (Streams.Ticks.Name, Durables.PaperOmsTicks),
            (Streams.Signals.Name, Durables.PaperOmsSignals),
        };
        consumers.AddRange(Settings.Symbols.Select(s => (Streams.Ticks.Name, $"{Durables.SignalHubTicks}-{Settings.Exchange}-{s}")));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var quietRounds = 0;
        var last = string.Empty;
        while (quietRounds < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The consumers did not drain: {last}\n{Describe()}");
            }

            await Task.Delay(500, cancellationToken);
            var busy = new StringBuilder();
            foreach (var (stream, durable) in consumers)
            {
                var state = await Bus.GetConsumerStateAsync(stream, durable, cancellationToken);
                if (state.Pending != 0 || state.AckPending != 0)
                {
                    busy.Append(CultureInfo.InvariantCulture, $"{durable}: pending {state.Pending}, ack pending {state.AckPending}; ");
                }
            }

            last = busy.ToString();
            quietRounds = busy.Length == 0 ? quietRounds + 1 : 0;
        }
    }

    /// <summary>The tail of every process's output, for a failure message.</summary>
    public string Describe(string? only = null)
    {
        var text = new StringBuilder();
        foreach (var (name, process) in _processes.Where(p => only is null || p.Key == only))
        {
            text.Append("\n---- ").Append(name).Append(" (tail) ----\n").Append(process.Tail(only is null ? 3000 : 8000));
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in StartOrder.Reverse())
        {
            if (_processes.TryGetValue(name, out var process))
            {
                await process.DisposeAsync();
            }
        }

        Http.Dispose();
        await Bus.DisposeAsync();
        await ClickHouse.DisposeAsync();
        await Nats.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private async Task DefineAsync(CancellationToken cancellationToken)
    {
        var simulatorPort = FreePort();
        var sim = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{simulatorPort}");
        var symbols = string.Join(',', Settings.Symbols);
        var exchange = Settings.Exchange;
        Dictionary<string, string> Common(string name, int port) => new(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["SOFIA_Nats__Url"] = Nats.Url,
            ["SOFIA_Nats__Name"] = "sofia-e2e-" + name,
            ["SOFIA_ClickHouse__Url"] = ClickHouse.HttpUrl.ToString(),
            ["SOFIA_ClickHouse__Database"] = Database,
        };

        await AddAsync(Simulator, "Sofia.Cli", "sofia", simulatorPort, new Dictionary<string, string>(StringComparer.Ordinal),
            ["simulate-exchange", "--port", simulatorPort.ToString(CultureInfo.InvariantCulture),
                "--seed", Settings.Seed.ToString(CultureInfo.InvariantCulture), "--symbols", symbols, "--exchanges", exchange,
                "--tps", Settings.TradesPerSecond.ToString(CultureInfo.InvariantCulture),
                "--speed", Settings.Speed.ToString(CultureInfo.InvariantCulture)],
            cancellationToken);

        var port = FreePort();
        var ingestor = Common(Ingestor, port);
        ingestor["SOFIA_Exchanges"] = exchange;
        ingestor["SOFIA_Symbols"] = symbols;
        ingestor[$"SOFIA_Ingestor__Endpoints__{exchange}__WebSocket"] = exchange switch
        {
            "bybit" => $"ws://{sim}/v5/public/spot",
            "okx" => $"ws://{sim}/ws/v5/public",
            "coinbase" => $"ws://{sim}/",
            _ => $"ws://{sim}/stream",
        };
        ingestor[$"SOFIA_Ingestor__Endpoints__{exchange}__Rest"] = $"http://{sim}/";
        await AddAsync(Ingestor, "Sofia.Ingestor", "Sofia.Ingestor", port, ingestor, [], cancellationToken);

        port = FreePort();
        var writer = Common(TickWriter, port);
        writer["SOFIA_TickWriter__BatchDelayMs"] = "100";
        await AddAsync(TickWriter, "Sofia.TickWriter", "Sofia.TickWriter", port, writer, [], cancellationToken);

        port = FreePort();
        var hub = Common(SignalHub, port);
        hub["SOFIA_SignalHub__StrategiesFile"] = PlanPath;
        hub["SOFIA_SignalHub__TicksDeliverFrom"] = "All";
        hub["SOFIA_SignalHub__WarmUpFromHistory"] = "false";
        await AddAsync(SignalHub, "Sofia.SignalHub", "Sofia.SignalHub", port, hub, [], cancellationToken);

        port = FreePort();
        var oms = Common(PaperOms, port);
        oms["SOFIA_PaperOms__ApiKey"] = ApiKey;
        oms["SOFIA_PaperOms__StartingCashPerBook"] = Settings.StartingCashPerBook.ToString(CultureInfo.InvariantCulture);
        oms["SOFIA_PaperOms__RequestsPerMinute"] = "100000";
        oms["SOFIA_PaperOms__InputAckWaitSeconds"] = "5";
        oms["SOFIA_PaperOms__SnapshotIntervalSeconds"] = "1";
        // The replay needs the stored history (ClickHouse, in Common) and the plan the hub runs.
        oms["SOFIA_PaperOms__StrategiesFile"] = PlanPath;
        oms["SOFIA_SignalHub__StrategiesFile"] = PlanPath;
        await AddAsync(PaperOms, "Sofia.PaperOms", "Sofia.PaperOms", port, oms, [], cancellationToken);
    }

    private async Task AddAsync(
        string name, string project, string assembly, int port, Dictionary<string, string> environment, string[] arguments, CancellationToken cancellationToken)
    {
        var dll = await ServiceBinaries.ResolveAsync(project, assembly, cancellationToken);
        _specs.Add(name, new ServiceSpec(dll, port, environment, arguments));
    }

    private sealed record ServiceSpec(string Dll, int Port, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments);
}
