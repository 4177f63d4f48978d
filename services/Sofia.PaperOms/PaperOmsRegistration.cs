using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sofia.Hosting;
using Sofia.MarketData;
using Sofia.PaperOms.Api;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Options;
using Sofia.PaperOms.Workers;

namespace Sofia.PaperOms;

/// <summary>Wires the paper OMS's options, engine, worker, readiness, rate limiting, CORS and API.</summary>
internal static class PaperOmsRegistration
{
    public const string CorsPolicy = "paper-cors";

    public static IServiceCollection AddPaperOms(this IServiceCollection services)
    {
        services.AddSofiaOptions<PaperOmsOptions>(PaperOmsOptions.SectionName);
        services.AddSingleton<IValidateOptions<PaperOmsOptions>, StrategiesFileValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PaperOmsState(new PaperTradingEngine(sp.GetRequiredService<IOptions<PaperOmsOptions>>().Value.ToEngineSettings())));
        services.AddSingleton<PaperOmsMetrics>();
        services.AddHostedService<PaperOmsWorker>();
        services.AddHostedService<PaperSnapshotWorker>();
        services.AddSingleton<PaperReplayService>();
        services.AddHealthChecks().AddCheck<PaperOmsHealthCheck>("paper-oms", tags: [SofiaHealthTags.Ready]);
        services.AddProblemDetails();
        services.AddSingleton<ApiKeyFilter>();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, _ => { }));
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<PaperOmsOptions>>((cors, paper) =>
            cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(paper.Value.CorsOrigins).AllowAnyHeader().WithMethods("GET", "POST")));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PaperOmsApi.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<PaperOmsOptions>>().Value.RequestsPerMinute;
                // One bucket per client: its API key when it sends one, else its address.
                var key = context.Request.Headers[ApiKeyFilter.HeaderName].ToString();
                var client = key.Length > 0 ? "key:" + key : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>The tick writer's history for the replay, when a ClickHouse section is configured (else the replay answers 409).</summary>
    public static IServiceCollection AddPaperOmsMarketHistory(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(ClickHouseMarketStoreOptions.SectionName).Exists())
        {
            services.AddClickHouseMarketHistory();
        }

        return services;
    }

    public static WebApplication MapPaperOms(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
        app.MapPaperOmsApi();
        return app;
    }
}
