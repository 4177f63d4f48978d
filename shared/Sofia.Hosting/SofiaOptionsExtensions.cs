using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sofia.Hosting.Internal.Options;

namespace Sofia.Hosting;

/// <summary>Registers options records that are bound from configuration and validated at start.</summary>
public static class SofiaOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the configuration section <paramref name="sectionPath"/>
    /// and validates it when the host starts: DataAnnotations attributes, <c>IValidatableObject</c>
    /// and any <see cref="IValidateOptions{TOptions}"/> registered for it. A value that does not bind
    /// (e.g. text where a number belongs) is a validation failure too. Each failure names the full
    /// configuration key (<c>Section:Property</c>) and the rule it broke.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSofiaOptions<TOptions>(this IServiceCollection services, string sectionPath)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);

        services.TryAddSingleton<OptionsBindingErrors>();
        services.AddSingleton<IValidateOptions<TOptions>>(
            provider => new SectionOptionsValidator<TOptions>(sectionPath, provider.GetRequiredService<OptionsBindingErrors>()));

        return services.AddOptions<TOptions>()
            .Configure<IConfiguration, OptionsBindingErrors>(
                (options, configuration, errors) => errors.Bind(options, configuration.GetSection(sectionPath)))
            .ValidateOnStart();
    }
}
