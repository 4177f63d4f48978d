using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.Messaging;

namespace Sofia.SignalHub.Tests;

/// <summary>The service wired as Program.cs wires it, in memory, against a real nats-server.</summary>
internal sealed class SignalHubHost(WebApplication app) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    public static async Task<SignalHubHost> StartAsync(string natsUrl, string planPath, IMarketHistory? history, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = natsUrl,
            ["SignalHub:StrategiesFile"] = planPath,
            ["SignalHub:TicksDeliverFrom"] = "All",
            ["SignalHub:WarmUpFromHistory"] = history is null && settings is null ? "false" : "true",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddSofiaDefaults();
        builder.Services.AddSofiaMessageBus();
        builder.Services.AddSignalHub();
        if (history is not null)
        {
            builder.Services.AddSingleton(history);
        }

        var app = builder.Build();
        app.MapSofiaEndpoints();
        app.MapSignalHub();
        await app.StartAsync(cancellationToken);
        return new SignalHubHost(app);
    }

    public HttpClient CreateClient() => app.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
