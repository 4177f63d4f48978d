using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sofia.Hosting.Internal.Health;
using Sofia.Hosting.Internal.Lifetime;
using Sofia.Hosting.Internal.Metrics;

namespace Sofia.Hosting;

/// <summary>The one call that gives a Sofia service its defaults.</summary>
public static class SofiaDefaultsExtensions
{
    /// <summary>Environment variables with this prefix are configuration keys (prefix removed, <c>__</c> for <c>:</c>).</summary>
    public const string EnvironmentPrefix = "SOFIA_";

    /// <summary>
    /// Adds configuration from <c>SOFIA_*</c> environment variables, JSON console logs, validated
    /// <see cref="SofiaHostOptions"/> with the shutdown timeout applied, health checks, and the
    /// metrics collector with process and runtime gauges. Pair it with
    /// <see cref="SofiaEndpointExtensions.MapSofiaEndpoints"/> and <see cref="SofiaRunExtensions.RunSofiaAsync"/>.
    /// </summary>
    public static TBuilder AddSofiaDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        AddEnvironmentVariables(builder.Configuration);
        AddLogging(builder.Logging);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSofiaOptions<SofiaHostOptions>(SofiaHostOptions.SectionName);
        services.AddOptions<HostOptions>().Configure<IConfiguration>(ApplyShutdownTimeout);
        services.AddHostedService<LifetimeLogger>();

        services.AddMetrics();
        services.TryAddSingleton<MetricsCollector>();
        services.TryAddSingleton<ProcessMetrics>();
        services.AddHostedService<MetricsStartup>();

        services.AddHealthChecks()
            .AddCheck("self", static () => HealthCheckResult.Healthy("process is running"), [SofiaHealthTags.Live])
            .AddCheck<LifetimeReadinessCheck>(LifetimeReadinessCheck.Name, tags: [SofiaHealthTags.Ready]);

        return builder;
    }

    // Command-line arguments keep the last word, so SOFIA_ variables go in just before them.
    private static void AddEnvironmentVariables(IConfigurationBuilder configuration)
    {
        var source = new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };
        var sources = configuration.Sources;
        // The last command-line source is the application's; an earlier one may feed the host settings.
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is CommandLineConfigurationSource)
            {
                sources.Insert(i, source);
                return;
            }
        }

        sources.Add(source);
    }

    private static void AddLogging(ILoggingBuilder logging) =>
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            // Logs are not HTML: keep quotes and non-ASCII readable instead of \u0027 escapes.
            options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });

    // Read without validation: an invalid value is reported by SofiaHostOptions validation at start,
    // while HostOptions is needed (and must not throw) when the host is built.
    private static void ApplyShutdownTimeout(HostOptions hostOptions, IConfiguration configuration)
    {
        var seconds = SofiaHostOptions.DefaultShutdownTimeoutSeconds;
        var configured = configuration[$"{SofiaHostOptions.SectionName}:{nameof(SofiaHostOptions.ShutdownTimeoutSeconds)}"];
        if (int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            seconds = parsed;
        }

        hostOptions.ShutdownTimeout = TimeSpan.FromSeconds(seconds);
    }
}
