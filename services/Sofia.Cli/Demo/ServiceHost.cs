using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sofia.Hosting;
using Sofia.Messaging;

namespace Sofia.Cli.Demo;

/// <summary>
/// One service hosted in the demo's process the way its Program.cs hosts it (<c>AddSofiaDefaults</c>, its own
/// registration, <c>MapSofiaEndpoints</c>), on a free loopback port, with configuration given in memory only and the
/// demo's shared bus.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(string name, WebApplication app, Uri baseUri)
    {
        Name = name;
        _app = app;
        BaseUri = baseUri;
    }

    public string Name { get; }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>True once the service has begun to stop, e.g. after a background service failed.</summary>
    public bool Stopping => _app.Lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Builds and starts the service; a bad configuration value throws from here, naming the key.</summary>
    public static async Task<ServiceHost> StartAsync(
        DemoServiceSpec spec,
        IMessageBus bus,
        DemoLogProvider log,
        string contentRoot,
        CancellationToken cancellationToken)
    {
        // The content root is the demo's output folder and every configuration source is replaced by the spec's
        // values, so whichever service's appsettings.json the build copied last is never read.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = spec.Assembly.GetName().Name,
            ContentRootPath = contentRoot,
            EnvironmentName = "Demo",
            Args = [],
        });
        builder.AddSofiaDefaults();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(spec.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log.For(spec.Name));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSofiaMessageBus(bus);
        spec.Register(builder);
        var app = builder.Build();
        app.MapSofiaEndpoints();
        spec.Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(spec.Name, app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops gracefully: hosted services drain within the shutdown timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
