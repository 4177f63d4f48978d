using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sofia.Contracts;
using Sofia.ExchangeSimulator;
using Sofia.Hosting;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Endpoints;
using Sofia.Ingestor.Workers;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Testing;

namespace Sofia.Ingestor.Bench;

/// <summary>
/// One measured run: fresh streams, the simulator (OKX protocol, up to 100 trades per frame) and the ingestor wired as its
/// Program.cs does (AddSofiaMessageBus on the fixture's nats-server), all in this process.
/// </summary>
internal sealed class BenchRun : IAsyncDisposable
{
    private readonly WebApplication _ingestor;
    private bool _stopped;

    private BenchRun(ExchangeSimulatorServer simulator, WebApplication ingestor, NatsConnection nats)
    {
        Simulator = simulator;
        _ingestor = ingestor;
        Nats = nats;
        JetStream = new NatsJsContext(nats);
        Feeds = ingestor.Services.GetRequiredService<FeedRegistry>();
        Buffer = ingestor.Services.GetRequiredService<PublishBuffer>();
        Publisher = ingestor.Services.GetServices<IHostedService>().OfType<PublishWorker>().Single();
    }

    public ExchangeSimulatorServer Simulator { get; }

    public NatsConnection Nats { get; }

    public NatsJsContext JetStream { get; }

    public FeedRegistry Feeds { get; }

    public PublishBuffer Buffer { get; }

    public PublishWorker Publisher { get; }

    /// <summary>Trades the ingestor has read from its sockets (live and backfilled).</summary>
    public long Received => Feeds.Feeds.Sum(f => f.Trades + f.Backfilled);

    public static async Task<BenchRun> StartAsync(NatsServer server, double tradesPerSecond, CancellationToken cancellationToken)
    {
        var nats = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [server.Url], Name = "ingest-bench" }, cancellationToken);
        var js = new NatsJsContext(nats);
        foreach (var stream in new[] { Streams.Ticks, Streams.Feed, Streams.Alerts })
        {
            try
            {
                await js.DeleteStreamAsync(stream.Name, cancellationToken);
            }
            catch (NatsJsApiException)
            {
                // Not there yet.
            }
        }

        var simulator = await ExchangeSimulatorServer.StartAsync(
            new ExchangeSimulatorOptions
            {
                Exchanges = [ExchangeSimulatorServer.Okx],
                HistoryCapacity = 4_000_000,
                Market = MarketSimulatorOptions.For(42, tradesPerSecond, "BTC-USDT", "ETH-USDT"),
            },
            null,
            null,
            cancellationToken);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.AddSofiaDefaults();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = server.Url,
            ["Nats:Name"] = "sofia-ingestor",
            ["Hosting:ShutdownTimeoutSeconds"] = "120",
            [IngestorRegistration.ExchangesAlias] = ExchangeSimulatorServer.Okx,
            [IngestorRegistration.SymbolsAlias] = string.Join(",", simulator.Symbols),
            ["Ingestor:Endpoints:okx:WebSocket"] = simulator.WebSocketUri(ExchangeSimulatorServer.Okx).ToString(),
            ["Ingestor:Endpoints:okx:Rest"] = simulator.BaseUri.ToString(),
            ["Ingestor:StaleAfterSeconds"] = "30",

            // A consumer too slow for the offered rate is cut by the simulator; backfill may page through the whole gap.
            ["Ingestor:BackfillMaxPages"] = "10000",
        });
        builder.Logging.ClearProviders();
        // stdout carries the figures only: every log line goes to stderr.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSofiaMessageBus();
        builder.Services.AddIngestor();
        var app = builder.Build();
        app.MapSofiaEndpoints();
        app.MapIngestorEndpoints();
        await app.StartAsync(cancellationToken);
        return new BenchRun(simulator, app, nats);
    }

    /// <summary>Until more than 1,000 trades went through and three more seconds passed (JIT, connections, stream files).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await UntilAsync(() => Publisher.Published > 1000, TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
    }

    /// <summary>Stops the ingestor as SIGTERM would: intake stops, then the publisher drains.</summary>
    public async Task StopIngestorAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await _ingestor.StopAsync(cancellationToken);
    }

    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _ingestor.StopAsync(timeout.Token);
        }

        await _ingestor.DisposeAsync();
        await Simulator.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
