using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Sofia.Hosting.Tests;

/// <summary>Web hosts with the Sofia defaults on an in-memory test server.</summary>
internal static class TestHosts
{
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? settings = null, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = args ?? [] });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddSofiaDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapSofiaEndpoints();
        return app;
    }

    public static async Task<WebApplication> StartAsync(WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        var app = Build(builder);
        await app.StartAsync(cancellationToken);
        return app;
    }
}
