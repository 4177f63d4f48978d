using Microsoft.Extensions.DependencyInjection.Extensions;
using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.TickWriter.Api;
using Sofia.TickWriter.Options;
using Sofia.TickWriter.Workers;

namespace Sofia.TickWriter;

/// <summary>
/// Wires the tick writer onto whatever <see cref="IMessageBus"/> and <see cref="IMarketStore"/> the host registered:
/// production registers <c>AddSofiaMessageBus()</c> and <c>AddClickHouseMarketStore()</c>; <c>sofia demo</c> passes its
/// in-process bus and embedded store.
/// </summary>
public static class TickWriterRegistration
{
    /// <summary>
    /// The writer's options (section <c>TickWriter</c>), its worker, readiness check, metrics and what the API needs.
    /// An <see cref="IMessageBus"/> and an <see cref="IMarketStore"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddTickWriter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSofiaOptions<TickWriterOptions>(TickWriterOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WriterState>();
        services.AddSingleton<TickWriterMetrics>();
        services.AddHostedService<TickWriterWorker>();
        services.AddHealthChecks().AddCheck<TickWriterHealthCheck>("tick-writer", tags: [SofiaHealthTags.Ready]);
        services.AddProblemDetails();
        return services;
    }

    /// <summary>The tick writer on a given bus and store, which the caller keeps owning (the demo's in-process pair, say).</summary>
    public static IServiceCollection AddTickWriter(this IServiceCollection services, IMessageBus bus, IMarketStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSofiaMessageBus(bus);
        services.AddMarketStore(store);
        return services.AddTickWriter();
    }

    /// <summary>Maps the read API: <c>GET /api/candles</c>, <c>/api/price/{symbol}</c>, <c>/api/symbols</c>.</summary>
    public static IEndpointRouteBuilder MapTickWriter(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapTickWriterApi();
    }
}
