using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.Optimizer.Domain;
using Sofia.Optimizer.Options;
using Sofia.Optimizer.Workers;

namespace Sofia.Optimizer;

/// <summary>Wires the optimizer's options, trial worker, coordinator and nightly schedule.</summary>
internal static class OptimizerRegistration
{
    private const string TrialClientKey = "optimizer-trials";

    public static IServiceCollection AddOptimizer(this IServiceCollection services)
    {
        services.AddSofiaOptions<OptimizerOptions>(OptimizerOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OptimizerMetrics>();
        services.AddSingleton(sp => new HistorySource(sp.GetRequiredService<IOptions<OptimizerOptions>>(), sp.GetService<IMarketHistory>()));
        services.AddSingleton(sp => new TrialExecutor(
            sp.GetRequiredService<HistorySource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<OptimizerOptions>>().Value.WorkerName ?? $"{Environment.MachineName}-{Environment.ProcessId}"));
        services.AddSingleton<TrialJournal>();
        services.AddSingleton<ITrialStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<OptimizerOptions>>().Value;
            return o.TrialStore == "clickhouse"
                ? new ClickHouseTrialStore(sp.GetRequiredKeyedService<ClickHouseClient>(TrialClientKey), o.TrialTable)
                : sp.GetRequiredService<TrialJournal>();
        });
        services.AddKeyedSingleton(TrialClientKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<ClickHouseMarketStoreOptions>>().Value;
            return new ClickHouseClient(
                new ClickHouseClientOptions { BaseAddress = new Uri(options.Url), Database = options.Database, User = options.User, Password = options.Password },
                sp.GetRequiredService<ILogger<ClickHouseClient>>(),
                sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        services.AddSingleton<ParameterPromoter>();
        services.AddSingleton<StudyCoordinator>();
        services.AddHostedService<TrialWorker>();
        services.AddHostedService<NightlyScheduler>();
        return services;
    }
}
