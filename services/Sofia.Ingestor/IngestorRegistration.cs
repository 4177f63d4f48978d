using Microsoft.Extensions.Options;
using Sofia.Hosting;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Health;
using Sofia.Ingestor.Options;
using Sofia.Ingestor.Workers;

namespace Sofia.Ingestor;

/// <summary>
/// Wires the ingestor's options, buffer, workers, health check and metrics onto the <c>IMessageBus</c> registered before
/// it: <c>AddSofiaMessageBus()</c> (nats-server) in production, <c>AddSofiaMessageBus(bus)</c> (e.g. the in-process bus)
/// in <c>sofia demo</c>.
/// </summary>
public static class IngestorRegistration
{
    /// <summary>The flat comma-separated alias of <c>Ingestor:Exchanges</c> (<c>SOFIA_EXCHANGES</c>).</summary>
    public const string ExchangesAlias = "Exchanges";

    /// <summary>The flat comma-separated alias of <c>Ingestor:Symbols</c> (<c>SOFIA_SYMBOLS</c>).</summary>
    public const string SymbolsAlias = "Symbols";

    /// <summary>Adds the ingestor; an <c>IMessageBus</c> must be registered too.</summary>
    public static IServiceCollection AddIngestor(this IServiceCollection services)
    {
        services.AddSofiaOptions<IngestorOptions>(IngestorOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
                options.ApplyFlatAliases(configuration[ExchangesAlias], configuration[SymbolsAlias]));
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
