using Microsoft.AspNetCore.Http.HttpResults;
using Sofia.Contracts;
using Sofia.SignalHub.Domain;
using Sofia.Signals;

namespace Sofia.SignalHub.Api;

/// <summary><c>GET /api/signals?symbol=</c>: the latest signal per strategy. A missing or unknown symbol answers 400 naming it.</summary>
internal static class SignalHubApi
{
    public static IEndpointRouteBuilder MapSignalHubApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api").MapGet("/signals", GetSignals);
        return endpoints;
    }

    private static IResult GetSignals(string? symbol, SignalEngine engine, SignalBook book)
    {
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return BadParameter("symbol", "is required: a BASE-QUOTE symbol of the strategy plan such as BTC-USDT");
        }

        var canonical = Symbols.TryCanonicalize(symbol, out var name, out _) ? name : symbol;
        if (engine.Plan.Find(canonical) is null)
        {
            var known = string.Join(", ", engine.Plan.Markets.Select(m => m.Symbol));
            return BadParameter("symbol", $"'{symbol}' is not in the strategy plan (known: {known})");
        }

        var signals = book.Latest(canonical).Select(s => new SignalView(
            s.Strategy,
            s.Id,
            s.Exchange,
            s.Direction.ToString().ToLowerInvariant(),
            s.Strength,
            s.Confidence,
            s.Reason,
            s.BarOpenTimeUs,
            s.BarIntervalSeconds,
            (decimal)s.BarClose)).ToList();
        return TypedResults.Ok(new SignalsResponse(canonical, engine.IsWarmFor(canonical), signals));
    }

    private static ProblemHttpResult BadParameter(string parameter, string error) =>
        TypedResults.Problem(
            title: $"Bad parameter '{parameter}'",
            detail: $"{parameter}: {error}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
