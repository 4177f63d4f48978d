using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sofia.Hosting;
using Sofia.Messaging;
using Sofia.PaperOms.Api;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>The service wired as Program.cs wires it, in memory, against a real nats-server.</summary>
internal sealed class PaperOmsHost(WebApplication app) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    public static async Task<PaperOmsHost> StartAsync(IReadOnlyDictionary<string, string?> config, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddSofiaDefaults();
        builder.Services.AddSofiaMessageBus();
        builder.Services.AddPaperOms();
        builder.Services.AddPaperOmsMarketHistory(builder.Configuration);
        var app = builder.Build();
        app.MapSofiaEndpoints();
        app.MapPaperOms();
        await app.StartAsync(cancellationToken);
        return new PaperOmsHost(app);
    }

    public HttpClient CreateClient()
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKeyFilter.HeaderName, PaperSession.ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
