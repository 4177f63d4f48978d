using Microsoft.Extensions.Options;
using Sofia.Hosting;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Health;
using Sofia.Ingestor.Options;
using Sofia.Ingestor.Workers;
using Sofia.Nats;

namespace Sofia.Ingestor;

/// <summary>Wires the ingestor's options, buffer, NATS connection, workers, health check and metrics.</summary>
internal static class IngestorRegistration
{
    /// <summary>The flat comma-separated aliases of <c>Ingestor:Exchanges</c> and <c>Ingestor:Symbols</c> (<c>SOFIA_EXCHANGES</c>, <c>SOFIA_SYMBOLS</c>).</summary>
    public const string ExchangesAlias = "Exchanges";

    public const string SymbolsAlias = "Symbols";

    public static IServiceCollection AddIngestor(this IServiceCollection services)
    {
        services.AddSofiaOptions<IngestorOptions>(IngestorOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.ApplyFlatAliases(configuration[ExchangesAlias], configuration[SymbolsAlias]));
        services.AddSofiaOptions<NatsClientOptions>(NatsClientOptions.SectionName);
        services.AddSingleton(provider => new PublishBuffer(provider.GetRequiredService<IOptions<IngestorOptions>>().Value.BufferCapacity));
        services.AddSingleton<FeedRegistry>();
        services.AddSingleton<BusConnection>();
        services.AddSingleton<IngestorMetrics>();
        services.AddHttpClient(IngestorWorker.BackfillClientName, client => client.Timeout = TimeSpan.FromSeconds(15));

        // Hosted services stop in reverse order: the connections stop first, then the publisher drains.
        services.AddHostedService<PublishWorker>();
        services.AddHostedService<IngestorWorker>();
        services.AddHostedService<MetricsActivation>();
        services.AddHealthChecks().AddCheck<IngestorReadinessCheck>(IngestorReadinessCheck.Name, tags: [SofiaHealthTags.Ready]);
        return services;
    }
}
