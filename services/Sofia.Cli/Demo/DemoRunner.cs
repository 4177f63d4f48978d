using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sofia.Cli.Commands;
using Sofia.Contracts;
using Sofia.ExchangeSimulator;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.Nats;
using Spectre.Console;

namespace Sofia.Cli.Demo;

/// <summary>
/// Runs the demo: the shared bus, the bus tape, the services (each its own host), the simulated market on the
/// accelerated clock, the live view; then drains, prints the summary and writes the report.
/// </summary>
internal sealed class DemoRunner(DemoOptions options, TextWriter output, TextWriter error, bool interactive)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time = TimeProvider.System;
    private readonly List<string> _servicesRun = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.OutputDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: --out: cannot create '{directory}': {e.Message}");
            return ExitCodes.BadInput;
        }

        using var log = new DemoLogProvider(Path.Combine(directory, "demo.log"), _time);
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log.For("bus")));
        await using var bus = CreateBus(loggerFactory);
        var runId = Convert.ToHexString(BitConverter.GetBytes(Stopwatch.GetTimestamp())).ToLowerInvariant();
        var hosts = new List<ServiceHost>();
        try
        {
            foreach (var stream in BusTape.StreamsRead)
            {
                await bus.EnsureStreamAsync(stream, cancellationToken);
            }

            await using var tape = await BusTape.StartAsync(bus, runId, cancellationToken);
            var strategiesFile = Path.Combine(directory, "strategies.yaml");
            await File.WriteAllTextAsync(strategiesFile, DemoPlan.Yaml(options.Symbols, options.Exchanges[0]), cancellationToken);
            var clock = new DemoClock(options.Speed);
            var store = new EmbeddedMarketStore();
            var setup = new DemoSetup(directory, strategiesFile, DemoServices.NewApiKey(), options.Exchanges, options.Symbols, options.Seed, options.NatsUrl, options.ClickHouseUrl, store);
            foreach (var spec in DemoServices.Consumers(setup))
            {
                hosts.Add(await ServiceHost.StartAsync(spec, bus, log, directory, cancellationToken));
            }

            // The market's timeline starts with the simulator, just before the ingestor connects to it.
            var market = MarketSimulatorOptions.For(options.Seed, options.TradesPerSecond / options.Speed, [.. options.Symbols]);
            await using var simulator = await ExchangeSimulatorServer.StartAsync(
                new ExchangeSimulatorOptions { Market = market, Exchanges = options.Exchanges }, clock, loggerFactory, cancellationToken);
            var ingestor = await ServiceHost.StartAsync(DemoServices.IngestorSpec(setup, simulator), bus, log, directory, cancellationToken);
            hosts.Add(ingestor);
            foreach (var host in hosts)
            {
                await WaitReadyAsync(host, cancellationToken);
            }

            _servicesRun.AddRange(hosts.Select(h => h.Name));
            using var oms = new OmsClient(Host(hosts, DemoServices.PaperOms).BaseUri);
            await WriteBannerAsync(hosts, simulator, directory, log);
            var recorder = new EquityRecorder();
            var started = _time.GetTimestamp();
            var lastTicks = 0L;
            var lastAt = TimeSpan.Zero;
            await new DemoProgress(output, interactive).RunAsync(
                async (elapsed, ct) =>
                {
                    var snapshot = tape.Snapshot();
                    var rate = elapsed > lastAt ? (snapshot.Ticks - lastTicks) / (elapsed - lastAt).TotalSeconds : 0;
                    (lastTicks, lastAt) = (snapshot.Ticks, elapsed);
                    var state = await TryReadAsync(oms, ct);
                    if (state is not null)
                    {
                        recorder.Add(state);
                    }

                    return new DemoFrame(elapsed, rate, snapshot, state);
                },
                options.Duration,
                _time,
                cancellationToken);

            // The market closes, and the ingestor stops and publishes what it still holds.
            simulator.TradesPerSecond = 0;
            await ingestor.StopAsync(cancellationToken);

            // The market has stopped: let every service and the tape take what is left before reading the results.
            var drained = await DemoDrain.UntilCaughtUpAsync(bus, ServiceConsumers(), DrainTimeout, cancellationToken);
            var final = await oms.ReadAsync(cancellationToken);
            recorder.Add(final);
            var candles = await CountCandlesAsync(Host(hosts, DemoServices.TickWriter), tape.Snapshot(), cancellationToken);
            drained &= await tape.DrainAsync(DrainTimeout, cancellationToken);
            var elapsedTotal = _time.GetElapsedTime(started);
            await StopAllAsync(hosts, cancellationToken);
            var result = Result(tape.Snapshot(), final, recorder, elapsedTotal, drained, candles);
            return await FinishAsync(result, directory, log, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("sofia demo: cancelled.");
            return 130;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"sofia demo failed: {e.Message} (see {log.Path})");
            return ExitCodes.Unavailable;
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>The services' durable consumers: the signal hub keeps one per market of its plan.</summary>
    private IReadOnlyList<(string Stream, string Durable)> ServiceConsumers() =>
    [
        .. options.Symbols.Select(symbol => (Streams.Ticks.Name, $"{Durables.SignalHubTicks}-{options.Exchanges[0]}-{symbol}")),
        (Streams.Ticks.Name, Durables.PaperOmsTicks),
        (Streams.Signals.Name, Durables.PaperOmsSignals),
        (Streams.Ticks.Name, Durables.TickWriter),
    ];

    private IMessageBus CreateBus(ILoggerFactory loggerFactory) => options.NatsUrl is { } url
        ? new NatsMessageBus(new NatsClientOptions { Url = url.ToString(), Name = "sofia-demo" }, loggerFactory, _time)
        : new InProcessMessageBus(_time);

    private static async Task<OmsSnapshot?> TryReadAsync(OmsClient oms, CancellationToken cancellationToken)
    {
        try
        {
            return await oms.ReadAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task WaitReadyAsync(ServiceHost host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Hosting.SofiaEndpointExtensions.ReadyPath.TrimStart('/'), UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (host.Stopping)
            {
                throw new InvalidOperationException($"{host.Name} stopped while starting.");
            }

            if (_time.GetElapsedTime(started) > ReadyTimeout)
            {
                throw new TimeoutException($"{host.Name} was not ready within {ReadyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({host.BaseUri}health/ready).");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task WriteBannerAsync(IReadOnlyList<ServiceHost> hosts, ExchangeSimulatorServer simulator, string directory, DemoLogProvider log)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sofia demo: {string.Join(", ", options.Symbols)} on {string.Join(", ", options.Exchanges)}, {options.Duration.TotalSeconds:F0} s at {options.Speed:G}x (≈ {options.Duration.TotalSeconds * options.Speed / 3600:F1} h of exchange time), bus: {(options.NatsUrl is null ? "in process" : options.NatsUrl)}"));
        await output.WriteLineAsync($"  {"simulator",-12} {simulator.BaseUri}   ({string.Join(", ", simulator.Exchanges.Select(e => $"{e} {simulator.WebSocketUri(e)}"))})");
        foreach (var host in hosts)
        {
            await output.WriteLineAsync($"  {host.Name,-12} {host.BaseUri}health/ready   {host.BaseUri}metrics");
        }

        await output.WriteLineAsync($"  report, plan and log in {directory} (warnings and errors: {log.Path})");
    }

    private static async Task StopAllAsync(IReadOnlyList<ServiceHost> hosts, CancellationToken cancellationToken)
    {
        // Producers first, so that nothing is published to a service that has already stopped.
        foreach (var name in new[] { DemoServices.Ingestor, DemoServices.SignalHub, DemoServices.PaperOms, DemoServices.TickWriter })
        {
            if (hosts.FirstOrDefault(h => h.Name == name) is { } host)
            {
                await host.StopAsync(cancellationToken);
            }
        }

        foreach (var host in hosts.Where(h => h.Name is not (DemoServices.Ingestor or DemoServices.SignalHub or DemoServices.PaperOms or DemoServices.TickWriter)))
        {
            await host.StopAsync(cancellationToken);
        }
    }

    private static ServiceHost Host(IReadOnlyList<ServiceHost> hosts, string name) => hosts.Single(h => h.Name == name);

    /// <summary>One-minute candles the tick writer stored, read through its API (<c>/api/candles</c>) for every market.</summary>
    private async Task<long> CountCandlesAsync(ServiceHost tickWriter, TapeSnapshot tape, CancellationToken cancellationToken)
    {
        if (tape.Ticks == 0)
        {
            return 0;
        }

        using var http = new HttpClient { BaseAddress = tickWriter.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        // The API answers at most 20,000 candles a call: a longer run counts its last 20,000 minutes per market.
        var from = Math.Max(tape.FirstTickTimeUs / 1000, (tape.LastTickTimeUs / 1000) - (19_999L * 60_000));
        var to = (tape.LastTickTimeUs / 1000) + 60_000;
        var count = 0L;
        foreach (var exchange in options.Exchanges)
        {
            foreach (var symbol in options.Symbols)
            {
                var query = string.Create(CultureInfo.InvariantCulture, $"api/candles?exchange={exchange}&symbol={symbol}&interval=1m&from={from}&to={to}");
                using var json = await http.GetFromJsonAsync<JsonDocument>(query, cancellationToken);
                count += json?.RootElement.GetProperty("candles").GetArrayLength() ?? 0;
            }
        }

        return count;
    }

    private DemoResult Result(TapeSnapshot tape, OmsSnapshot oms, EquityRecorder recorder, TimeSpan elapsed, bool drained, long candles)
    {
        var figures = oms.Strategies
            .Select(account => StrategyFigures.Compute(account, tape.Strategies.GetValueOrDefault(account.Strategy), recorder.Series.GetValueOrDefault(account.Strategy)))
            .ToList();
        return new DemoResult(options, _servicesRun, elapsed, tape, oms, figures, drained, candles);
    }

    private async Task<int> FinishAsync(DemoResult result, string directory, DemoLogProvider log, CancellationToken cancellationToken)
    {
        var console = CliConsole.Over(output, interactive);
        DemoSummary.Write(console, result);
        var report = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(report, DemoReport.Render(result), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "summary.json"), DemoSummary.Json(result), cancellationToken);
        var t = result.Tape;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ticks {t.Ticks}, bars {t.Bars}, exchange time {Output.Formats.Time(t.FirstTickTimeUs)} → {Output.Formats.Time(t.LastTickTimeUs)} UTC; fills on the bus {(result.FillsAgree ? "match" : "DO NOT match")} the OMS's ledgers{(result.Drained ? "" : " (not fully drained)")}"));
        if (log.Warnings > 0)
        {
            await output.WriteLineAsync($"{log.Warnings} warning(s) or error(s) logged in {log.Path}");
        }

        await output.WriteLineAsync($"report: {report}");
        return ExitCodes.Success;
    }
}
