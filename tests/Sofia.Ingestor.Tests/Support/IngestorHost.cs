using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sofia.ExchangeSimulator;
using Sofia.Hosting;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Endpoints;
using Sofia.Messaging;

namespace Sofia.Ingestor.Tests.Support;

/// <summary>The ingestor service in-process, wired exactly as Program.cs does, pointed at a simulator and a nats-server.</summary>
internal sealed class IngestorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private IngestorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public FeedRegistry Feeds => Services.GetRequiredService<FeedRegistry>();

    public PublishBuffer Buffer => Services.GetRequiredService<PublishBuffer>();

    /// <summary>Configuration for the given exchanges of <paramref name="simulator"/>, plus <paramref name="extra"/> keys.</summary>
    public static Dictionary<string, string?> Settings(
        ExchangeSimulatorServer simulator, string natsUrl, IReadOnlyList<string> exchanges, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Nats:Url"] = natsUrl,
            ["Hosting:ShutdownTimeoutSeconds"] = "20",
            ["Ingestor:StaleAfterSeconds"] = "5",
            ["Ingestor:ReconnectDelaySeconds"] = "0.1",
            ["Ingestor:ReconnectDelayMaxSeconds"] = "1",
        };
        // The flat aliases replace the lists of appsettings.json (indexed keys would only replace items).
        settings[IngestorRegistration.ExchangesAlias] = string.Join(",", exchanges);
        settings[IngestorRegistration.SymbolsAlias] = string.Join(",", simulator.Symbols);
        for (var i = 0; i < exchanges.Count; i++)
        {
            settings[$"Ingestor:Endpoints:{exchanges[i]}:WebSocket"] = simulator.WebSocketUri(exchanges[i]).ToString();
            settings[$"Ingestor:Endpoints:{exchanges[i]}:Rest"] = simulator.BaseUri.ToString();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<IngestorHost> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = [] });
        builder.AddSofiaDefaults();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSofiaMessageBus();
        builder.Services.AddIngestor();
        var app = builder.Build();
        app.MapSofiaEndpoints();
        app.MapIngestorEndpoints();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops as SIGTERM would: intake stops, then the publisher drains.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await _app.StopAsync(cancellationToken);
    }

    public async Task<JsonElement> GetFeedsAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        return await client.GetFromJsonAsync<JsonElement>(FeedsEndpoint.Path.TrimStart('/'), cancellationToken);
    }

    public async Task<int> GetReadinessStatusAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var response = await client.GetAsync(SofiaEndpointExtensions.ReadyPath.TrimStart('/'), cancellationToken);
        return (int)response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
    }
}
