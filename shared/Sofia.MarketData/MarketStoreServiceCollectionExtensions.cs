using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Hosting;

namespace Sofia.MarketData;

/// <summary>Registers a service's <see cref="IMarketStore"/> (and, unless one is registered already, it as <see cref="IMarketHistory"/>).</summary>
public static class MarketStoreServiceCollectionExtensions
{
    private const string ClientKey = "market-store";

    /// <summary>
    /// Registers <see cref="IMarketStore"/> as a <see cref="ClickHouseMarketStore"/> over a ClickHouse client of its own,
    /// configured from the <c>ClickHouse</c> section (<see cref="ClickHouseMarketStoreOptions"/>, validated at start).
    /// </summary>
    public static IServiceCollection AddClickHouseMarketStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSofiaOptions<ClickHouseMarketStoreOptions>(ClickHouseMarketStoreOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(ClientKey, (sp, _) =>
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
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ClickHouseMarketStoreOptions>>().Value;
            var migrations = Path.IsPathRooted(options.MigrationsDirectory)
                ? options.MigrationsDirectory
                : Path.Combine(AppContext.BaseDirectory, options.MigrationsDirectory);
            return new ClickHouseMarketStore(
                sp.GetRequiredKeyedService<ClickHouseClient>(ClientKey),
                migrations,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>());
        });
        services.AddSingleton<IMarketStore>(sp => sp.GetRequiredService<ClickHouseMarketStore>());
        services.TryAddSingleton<IMarketHistory>(sp => sp.GetRequiredService<IMarketStore>());
        return services;
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
