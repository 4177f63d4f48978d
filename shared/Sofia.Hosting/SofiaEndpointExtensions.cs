using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sofia.Hosting.Internal.Health;
using Sofia.Hosting.Internal.Metrics;

namespace Sofia.Hosting;

/// <summary>Maps the endpoints every Sofia service serves, in every environment.</summary>
public static class SofiaEndpointExtensions
{
    /// <summary>Liveness: 200 while the process runs.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: 200 when every readiness check passes, 503 otherwise; JSON body.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Prometheus text exposition format 0.0.4.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static TBuilder MapSofiaEndpoints<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointRouteBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapHealthChecks(LivePath, HealthOptions(SofiaHealthTags.Live));
        endpoints.MapHealthChecks(ReadyPath, HealthOptions(SofiaHealthTags.Ready));
        endpoints.MapGet(MetricsPath, WriteMetricsAsync);
        return endpoints;
    }

    private static HealthCheckOptions HealthOptions(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = HealthResponseWriter.WriteAsync,
    };

    private static Task WriteMetricsAsync(HttpContext context)
    {
        var collector = context.RequestServices.GetRequiredService<MetricsCollector>();
        var text = collector.Collect();
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
