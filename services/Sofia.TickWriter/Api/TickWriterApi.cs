using Sofia.Contracts;
using Sofia.TickWriter.Domain;
using Sofia.TickWriter.Storage;

namespace Sofia.TickWriter.Api;

/// <summary>The read API: candles, last prices, symbols. Bad parameters answer 400 with ProblemDetails naming them.</summary>
internal static class TickWriterApi
{
    public static IEndpointRouteBuilder MapTickWriterApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/candles", GetCandlesAsync);
        api.MapGet("/price/{symbol}", GetPriceAsync);
        api.MapGet("/symbols", GetSymbolsAsync);
        return endpoints;
    }

    private static async Task<IResult> GetCandlesAsync(
        string? exchange,
        string? symbol,
        string? interval,
        string? from,
        string? to,
        CandleStore store,
        CancellationToken cancellationToken)
    {
        if (!CandleQuery.TryParse(exchange, symbol, interval, from, to, out var query, out var failure))
        {
            return BadParameter(failure.Parameter, failure.Error);
        }

        var candles = await store.GetCandlesAsync(query!, cancellationToken);
        return TypedResults.Ok(new CandlesResponse(query!.Exchange, query.Symbol, query.Interval.Name, query.From, query.To, candles));
    }

    private static async Task<IResult> GetPriceAsync(string symbol, CandleStore store, CancellationToken cancellationToken)
    {
        if (!Symbols.TryCanonicalize(symbol, out var canonical, out var error))
        {
            return BadParameter("symbol", error);
        }

        var prices = await store.GetLastPricesAsync(canonical, cancellationToken);
        return TypedResults.Ok(new PriceResponse(canonical, prices));
    }

    private static async Task<IResult> GetSymbolsAsync(CandleStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SymbolsResponse(await store.GetSymbolsAsync(cancellationToken)));

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem BadParameter(string parameter, string error) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [parameter] = [error] },
            detail: $"{parameter}: {error}",
            title: $"Invalid parameter '{parameter}'");
}
