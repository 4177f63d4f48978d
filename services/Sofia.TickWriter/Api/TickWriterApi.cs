using Microsoft.AspNetCore.Http.HttpResults;
using Sofia.Contracts;
using Sofia.MarketData;
using Sofia.TickWriter.Domain;

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
        IMarketStore store,
        ILogger<IMarketStore> logger,
        CancellationToken cancellationToken)
    {
        if (!CandleQuery.TryParse(exchange, symbol, interval, from, to, out var query, out var failure))
        {
            return BadParameter(failure.Parameter, failure.Error);
        }

        try
        {
            var candles = await store.ReadCandlesAsync(query!.Exchange, query.Symbol, query.Interval, query.From, query.To, cancellationToken);
            return TypedResults.Ok(new CandlesResponse(query.Exchange, query.Symbol, query.Interval.Name, query.From, query.To, candles));
        }
        catch (Exception ex) when (IsStorageFailure(ex, cancellationToken))
        {
            return StorageUnavailable(logger, ex);
        }
    }

    private static async Task<IResult> GetPriceAsync(string symbol, IMarketStore store, ILogger<IMarketStore> logger, CancellationToken cancellationToken)
    {
        if (!Symbols.TryCanonicalize(symbol, out var canonical, out var error))
        {
            return BadParameter("symbol", error);
        }

        try
        {
            var prices = await store.ReadLastPricesAsync(canonical, cancellationToken);
            return TypedResults.Ok(new PriceResponse(canonical, prices));
        }
        catch (Exception ex) when (IsStorageFailure(ex, cancellationToken))
        {
            return StorageUnavailable(logger, ex);
        }
    }

    private static async Task<IResult> GetSymbolsAsync(IMarketStore store, ILogger<IMarketStore> logger, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(new SymbolsResponse(await store.ReadSymbolsAsync(cancellationToken)));
        }
        catch (Exception ex) when (IsStorageFailure(ex, cancellationToken))
        {
            return StorageUnavailable(logger, ex);
        }
    }

    // Whatever the store throws, unless the request itself was cancelled: the schema may not be migrated yet, or
    // ClickHouse may be down. A 503 the client can retry, not a 500.
    private static bool IsStorageFailure(Exception error, CancellationToken cancellationToken) =>
        error is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    // The schema may not be migrated yet, or ClickHouse may be down: a 503 the client can retry, not a 500.
    private static ProblemHttpResult StorageUnavailable(ILogger logger, Exception error)
    {
        TickWriterLog.QueryFailed(logger, error);
        return TypedResults.Problem(
            detail: "Storage could not answer; try again shortly",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unavailable");
    }

    private static ValidationProblem BadParameter(string parameter, string error) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [parameter] = [error] },
            detail: $"{parameter}: {error}",
            title: $"Invalid parameter '{parameter}'");
}
