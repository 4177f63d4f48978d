using Sofia.Hosting;
using Sofia.Ingestor.Options;
using Sofia.Ingestor.Workers;

namespace Sofia.Ingestor;

/// <summary>Wires the ingestor's options, metrics and workers.</summary>
internal static class IngestorRegistration
{
    public static IServiceCollection AddIngestor(this IServiceCollection services)
    {
        services.AddSofiaOptions<IngestorOptions>(IngestorOptions.SectionName);
        services.AddSingleton<IngestorMetrics>();
        services.AddHostedService<IngestorWorker>();
        return services;
    }
}
