using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sofia.Hosting;
using Sofia.Messaging.Internal;
using Sofia.Nats;

namespace Sofia.Messaging;

/// <summary>Registers the service's <see cref="IMessageBus"/>.</summary>
public static class MessageBusServiceCollectionExtensions
{
    /// <summary>
    /// The bus on nats-server: binds and validates <see cref="NatsClientOptions"/> (section <c>Nats</c>), registers one
    /// <see cref="NatsMessageBus"/> as <see cref="IMessageBus"/>, connects it in the background at start (retrying while
    /// NATS is down, so the service does not crash) and adds a readiness check that is healthy while it is connected.
    /// </summary>
    public static IServiceCollection AddSofiaMessageBus(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<NatsClientOptions>)))
        {
            services.AddSofiaOptions<NatsClientOptions>(NatsClientOptions.SectionName);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new NatsMessageBus(
            sp.GetRequiredService<IOptions<NatsClientOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMessageBus>(sp => sp.GetRequiredService<NatsMessageBus>());
        services.AddHostedService<MessageBusConnector>();
        return services.AddBusHealthCheck();
    }

    /// <summary>
    /// A given bus, e.g. the in-process bus that <c>sofia demo</c> shares between its services. The caller keeps owning
    /// it (the container does not dispose it); a readiness check reports whether it is connected.
    /// </summary>
    public static IServiceCollection AddSofiaMessageBus(this IServiceCollection services, IMessageBus bus)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(bus);
        services.AddSingleton(bus);
        return services.AddBusHealthCheck();
    }

    private static IServiceCollection AddBusHealthCheck(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(MessageBusHealthCheck)))
        {
            services.AddSingleton<MessageBusHealthCheck>();
            services.AddHealthChecks().AddCheck<MessageBusHealthCheck>("message-bus", tags: [SofiaHealthTags.Ready]);
        }

        return services;
    }
}
