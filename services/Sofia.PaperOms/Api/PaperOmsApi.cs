using System.Globalization;
using System.Text.Json;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Workers;

namespace Sofia.PaperOms.Api;

/// <summary>
/// The HTTP API: reads of the paper state, and the mutating endpoints (kill switch, trading mode, replay), which need
/// the API key. Every endpoint is rate limited per client.
/// </summary>
internal static class PaperOmsApi
{
    public const string RateLimitPolicy = "paper-api";

    public static IEndpointRouteBuilder MapPaperOmsApi(this IEndpointRouteBuilder endpoints)
    {
        var paper = endpoints.MapGroup("/api/paper").RequireRateLimiting(RateLimitPolicy).RequireCors(PaperOmsRegistration.CorsPolicy);
        paper.MapGet("/state", (PaperOmsState state) => Locked(state, engine => PaperViews.State(engine, state.MissingRecords)));
        var mutating = paper.MapGroup("").AddEndpointFilter<ApiKeyFilter>();
        mutating.MapPost("/kill-switch", SetKillSwitchAsync);
        mutating.MapPost("/settings/trading_mode", SetTradingModeAsync);
        mutating.MapPost("/replay", ReplayAsync);

        var trade = endpoints.MapGroup("/trade").RequireRateLimiting(RateLimitPolicy).RequireCors(PaperOmsRegistration.CorsPolicy);
        trade.MapGet("/account", (PaperOmsState state) => Locked(state, PaperViews.Account));
        trade.MapGet("/positions", (PaperOmsState state) => Locked(state, PaperViews.Positions));
        trade.MapGet("/history", (string? limit, PaperOmsState state) =>
        {
            var count = 100;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count is < 1 or > 10_000))
            {
                return JsonBody.Bad("limit", "must be a whole number between 1 and 10000");
            }

            return (IResult)Locked(state, engine => PaperViews.History(engine, count));
        });
        return endpoints;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<T> Locked<T>(PaperOmsState state, Func<PaperTradingEngine, T> view)
    {
        lock (state.Gate)
        {
            return TypedResults.Ok(view(state.Engine));
        }
    }

    private static async Task<IResult> SetKillSwitchAsync(HttpRequest request, PaperOmsState state, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (!body.TryGetProperty("enabled", out var enabled) || enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return JsonBody.Bad("enabled", "must be true or false");
        }

        var reason = body.TryGetProperty("reason", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString()! : "set through the API";
        var value = new KillSwitchState(enabled.GetBoolean(), reason, "api");
        // Stored first: the bucket is the switch; the worker's watch applies it, here it applies at once as well.
        var bus = request.HttpContext.RequestServices.GetRequiredService<IMessageBus>();
        var control = await bus.KeyValueAsync(KvBuckets.Control, cancellationToken);
        await control.PutAsync(KvBuckets.KillSwitchKey, PaperOmsWorker.Encode(value), cancellationToken);
        lock (state.Gate)
        {
            state.Engine.SetKillSwitch(value.Enabled, value.Reason);
        }

        return TypedResults.Ok(new { killSwitch = value.Enabled, reason = value.Reason });
    }

    private static async Task<IResult> SetTradingModeAsync(HttpRequest request, PaperOmsState state, ILogger<PaperOmsState> logger, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var mode = body.TryGetProperty("mode", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        if (mode is not ("paper" or "off"))
        {
            return JsonBody.Bad("mode", "must be paper or off");
        }

        lock (state.Gate)
        {
            state.Engine.SetTradingEnabled(mode == "paper");
        }

        PaperOmsLog.TradingMode(logger, mode);
        return TypedResults.Ok(new { mode });
    }

    private static async Task<IResult> ReplayAsync(HttpRequest request, PaperReplayService replay, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (!body.TryGetProperty("hours", out var hours) || hours.ValueKind != JsonValueKind.Number
            || !hours.TryGetInt32(out var value) || value is < 1 or > 168)
        {
            return JsonBody.Bad("hours", "must be a whole number between 1 and 168");
        }

        var (report, problem) = await replay.RunAsync(value, cancellationToken);
        return report is not null
            ? TypedResults.Ok(report)
            : TypedResults.Problem(detail: problem, statusCode: StatusCodes.Status409Conflict, title: "Replay unavailable");
    }
}
