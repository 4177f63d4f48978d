using System.Diagnostics;
using System.Globalization;
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
            var setup = new DemoSetup(directory, strategiesFile, DemoServices.NewApiKey(), new Uri("http://127.0.0.1/"), options.Exchanges, options.Symbols, options.Seed, options.NatsUrl, options.ClickHouseUrl, store);
            foreach (var spec in DemoServices.All(setup))
            {
                var host = await ServiceHost.StartAsync(spec, bus, log, directory, cancellationToken);
                hosts.Add(host);
                _servicesRun.Add(spec.Name);
            }

            foreach (var host in hosts)
            {
                await WaitReadyAsync(host, cancellationToken);
            }

            var oms = new OmsClient(hosts.Single(h => h.Name == DemoServices.PaperOms).BaseUri);
            using var omsClient = oms;
            var market = MarketSimulatorOptions.For(options.Seed, options.TradesPerSecond / options.Speed, [.. options.Symbols]);
            await WriteBannerAsync(hosts, directory, log);
            var recorder = new EquityRecorder();
            var started = _time.GetTimestamp();
            await using (var feed = new DirectFeed(bus, market, clock, options.Exchanges))
            {
                _servicesRun.Insert(0, "feed (direct)");
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
            }

            // The market has stopped: let every service and the tape take what is left before reading the results.
            var drained = await DemoDrain.UntilCaughtUpAsync(bus, ServiceConsumers, DrainTimeout, cancellationToken);
            var final = await oms.ReadAsync(cancellationToken);
            recorder.Add(final);
            drained &= await tape.DrainAsync(DrainTimeout, cancellationToken);
            var elapsedTotal = _time.GetElapsedTime(started);
            await StopAllAsync(hosts, cancellationToken);
            var result = Result(tape.Snapshot(), final, recorder, elapsedTotal, drained);
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

    private static IReadOnlyList<(string Stream, string Durable)> ServiceConsumers { get; } =
    [
        (Streams.Ticks.Name, Durables.SignalHubTicks),
        (Streams.Ticks.Name, Durables.PaperOmsTicks),
        (Streams.Signals.Name, Durables.PaperOmsSignals),
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

    private async Task WriteBannerAsync(IReadOnlyList<ServiceHost> hosts, string directory, DemoLogProvider log)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sofia demo: {string.Join(", ", options.Symbols)} on {string.Join(", ", options.Exchanges)}, {options.Duration.TotalSeconds:F0} s at {options.Speed:G}x (≈ {options.Duration.TotalSeconds * options.Speed / 3600:F1} h of exchange time), bus: {(options.NatsUrl is null ? "in process" : options.NatsUrl)}"));
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

    private DemoResult Result(TapeSnapshot tape, OmsSnapshot oms, EquityRecorder recorder, TimeSpan elapsed, bool drained)
    {
        var figures = oms.Strategies
            .Select(account => StrategyFigures.Compute(account, tape.Strategies.GetValueOrDefault(account.Strategy), recorder.Series.GetValueOrDefault(account.Strategy)))
            .ToList();
        return new DemoResult(options, _servicesRun, elapsed, tape, oms, figures, drained);
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
