using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Hosting;
using Sofia.Nats;
using Sofia.TickWriter.Api;
using Sofia.TickWriter.Options;
using Sofia.TickWriter.Storage;
using Sofia.TickWriter.Workers;

namespace Sofia.TickWriter;

/// <summary>Wires the tick writer's options, storage, worker, readiness and API.</summary>
internal static class TickWriterRegistration
{
    public static IServiceCollection AddTickWriter(this IServiceCollection services)
    {
        services.AddSofiaOptions<TickWriterOptions>(TickWriterOptions.SectionName);
        services.AddSofiaOptions<NatsClientOptions>(NatsClientOptions.SectionName);
        services.AddSofiaOptions<ClickHouseStorageOptions>(ClickHouseStorageOptions.SectionName);
        services.AddTickWriterStorage();
        services.AddSingleton<WriterState>();
        services.AddSingleton<TickWriterMetrics>();
        services.AddHostedService<TickWriterWorker>();
        services.AddHealthChecks().AddCheck<TickWriterHealthCheck>("tick-writer", tags: [SofiaHealthTags.Ready]);
        services.AddProblemDetails();
        return services;
    }

    /// <summary>The ClickHouse client and the stores over it (also what the API alone needs).</summary>
    public static IServiceCollection AddTickWriterStorage(this IServiceCollection services)
    {
        services.AddSofiaOptions<ClickHouseStorageOptions>(ClickHouseStorageOptions.SectionName);
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<ClickHouseStorageOptions>>().Value;
            return new ClickHouseClient(
                new ClickHouseClientOptions
                {
                    BaseAddress = new Uri(storage.Url),
                    Database = storage.Database,
                    User = storage.User,
                    Password = storage.Password,
                    CompressRequests = storage.CompressInserts,
                },
                sp.GetRequiredService<ILogger<ClickHouseClient>>(),
                sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        services.AddSingleton<TickStore>();
        services.AddSingleton<CandleStore>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static WebApplication MapTickWriter(this WebApplication app)
    {
        app.MapTickWriterApi();
        return app;
    }
}
