using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Hosting;

namespace Sofia.MarketData;

/// <summary>Registers a service's market data: <see cref="IMarketHistory"/> to read, or <see cref="IMarketStore"/> to write and read.</summary>
public static class MarketDataServiceCollectionExtensions
{
    private const string StoreClientKey = "market-store";
    private const string HistoryClientKey = "market-history";

    /// <summary>
    /// Registers <see cref="IMarketHistory"/> alone (a reader: no migrations) as a <see cref="ClickHouseMarketHistory"/>
    /// over a ClickHouse client of its own, configured from the <c>ClickHouse</c> section (validated at start).
    /// </summary>
    public static IServiceCollection AddClickHouseMarketHistory(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSofiaOptions<ClickHouseMarketStoreOptions>(ClickHouseMarketStoreOptions.SectionName);
        // A keyed client of its own, disposed by the container, leaves any other ClickHouse client of the service alone.
        services.AddKeyedSingleton(HistoryClientKey, (sp, _) => CreateClient(sp));
        services.AddSingleton<IMarketHistory>(sp => new ClickHouseMarketHistory(sp.GetRequiredKeyedService<ClickHouseClient>(HistoryClientKey)));
        return services;
    }

    /// <summary>
    /// Registers <see cref="IMarketStore"/> as a <see cref="ClickHouseMarketStore"/> over a ClickHouse client of its own,
    /// configured from the <c>ClickHouse</c> section (<see cref="ClickHouseMarketStoreOptions"/>, validated at start).
    /// </summary>
    public static IServiceCollection AddClickHouseMarketStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSofiaOptions<ClickHouseMarketStoreOptions>(ClickHouseMarketStoreOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(StoreClientKey, (sp, _) => CreateClient(sp));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ClickHouseMarketStoreOptions>>().Value;
            var migrations = Path.IsPathRooted(options.MigrationsDirectory)
                ? options.MigrationsDirectory
                : Path.Combine(AppContext.BaseDirectory, options.MigrationsDirectory);
            return new ClickHouseMarketStore(
                sp.GetRequiredKeyedService<ClickHouseClient>(StoreClientKey),
                migrations,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>());
        });
        services.AddSingleton<IMarketStore>(sp => sp.GetRequiredService<ClickHouseMarketStore>());
        services.TryAddSingleton<IMarketHistory>(sp => sp.GetRequiredService<IMarketStore>());
        return services;
    }

    private static ClickHouseClient CreateClient(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<ClickHouseMarketStoreOptions>>().Value;
        return new ClickHouseClient(
            new ClickHouseClientOptions
            {
                BaseAddress = new Uri(options.Url),
                Database = options.Database,
                User = options.User,
                Password = options.Password,
                CompressRequests = options.CompressInserts,
            },
            sp.GetService<ILogger<ClickHouseClient>>(),
            sp.GetService<IMeterFactory>());
    }

    /// <summary>A given store, e.g. the <see cref="EmbeddedMarketStore"/> that <c>sofia demo</c> shares; the caller keeps owning it.</summary>
    public static IServiceCollection AddMarketStore(this IServiceCollection services, IMarketStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(store);
        services.TryAddSingleton<IMarketHistory>(store);
        return services;
    }
}
