using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.SignalHub.Api;
using Sofia.SignalHub.Domain;
using Sofia.SignalHub.Options;
using Sofia.SignalHub.Workers;
using Sofia.Signals;

namespace Sofia.SignalHub;

/// <summary>Wires the signal hub's options, engine, workers, readiness and API (the bus is added by the caller).</summary>
internal static class SignalHubRegistration
{
    public static IServiceCollection AddSignalHub(this IServiceCollection services)
    {
        services.AddSofiaOptions<SignalHubOptions>(SignalHubOptions.SectionName);
        services.AddSingleton<IValidateOptions<SignalHubOptions>, StrategyPlanValidator>();
        services.AddClickHouseMarketHistory();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SignalHubOptions>>().Value;
            return new SignalEngine(
                StrategyPlan.Load(options.StrategiesPath),
                new SignalEngineOptions { HistoryBars = options.HistoryBars },
                new SentimentOverlay(options.SentimentSensitivity, TimeSpan.FromMinutes(options.SentimentExpiryMinutes)));
        });
        services.AddSingleton<SignalBook>();
        services.AddSingleton<HubState>();
        services.AddSingleton<SignalHubMetrics>();
        services.AddSingleton<PromotedParametersWatcher>();
        services.AddSingleton<SentimentConsumer>();
        services.AddHostedService<SignalHubWorker>();
        services.AddHealthChecks().AddCheck<SignalHubHealthCheck>("signal-hub", tags: [SofiaHealthTags.Ready]);
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication MapSignalHub(this WebApplication app)
    {
        app.MapSignalHubApi();
        return app;
    }
}
