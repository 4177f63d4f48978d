using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Hosting;

namespace Sofia.MarketData;

/// <summary>Registers the market history of a service.</summary>
public static class MarketDataServiceCollectionExtensions
{
    private const string ClientKey = "market-history";

    /// <summary>
    /// Registers <see cref="IMarketHistory"/> as a <see cref="ClickHouseMarketHistory"/> over a ClickHouse client of
    /// its own, configured from the <c>ClickHouse</c> section (<see cref="ClickHouseHistoryOptions"/>, validated at start).
    /// </summary>
    public static IServiceCollection AddClickHouseMarketHistory(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSofiaOptions<ClickHouseHistoryOptions>(ClickHouseHistoryOptions.SectionName);
        // A keyed client of its own, disposed by the container, leaves any other ClickHouse client of the service alone.
        services.AddKeyedSingleton(ClientKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<ClickHouseHistoryOptions>>().Value;
            return new ClickHouseClient(
                new ClickHouseClientOptions
                {
                    BaseAddress = new Uri(options.Url),
                    Database = options.Database,
                    User = options.User,
                    Password = options.Password,
                },
                sp.GetService<ILogger<ClickHouseClient>>(),
                sp.GetService<IMeterFactory>());
        });
        services.AddSingleton<IMarketHistory>(sp => new ClickHouseMarketHistory(sp.GetRequiredKeyedService<ClickHouseClient>(ClientKey)));
        return services;
    }
}
