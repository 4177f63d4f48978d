using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>The <c>/_sim/*</c> HTTP endpoints that drive faults and the trade rate from another process.</summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app, ExchangeSimulatorServer server)
    {
        app.MapPost("/_sim/drop", (string? exchange) => Run(() => server.DropConnections(Exchange(exchange))));
        app.MapPost("/_sim/stall", (double? seconds, string? exchange) =>
            Run(() => server.Stall(TimeSpan.FromSeconds(seconds ?? 5), Exchange(exchange))));
        app.MapPost("/_sim/malformed", (int? count, string? exchange) => Run(() => server.SendMalformedFrames(count ?? 1, Exchange(exchange))));
        app.MapPost("/_sim/skip-ids", (string? symbol, int? count) => Run(() =>
        {
            server.SkipTradeIds(symbol ?? throw new ArgumentException("symbol is required."), count ?? 1);
            return server.ConnectionCount();
        }));
        app.MapPost("/_sim/shutdown-notice", (string? exchange, double? closeAfterSeconds) =>
            Run(() => server.AnnounceShutdown(exchange ?? ExchangeSimulatorServer.Binance, TimeSpan.FromSeconds(closeAfterSeconds ?? 5))));
        app.MapPost("/_sim/rate", (double? tps) => Run(() =>
        {
            server.TradesPerSecond = tps ?? throw new ArgumentException("tps is required.");
            return server.ConnectionCount();
        }));
        app.MapGet("/_sim/status", () => Results.Json(new Dictionary<string, object>
        {
            ["tradesPerSecond"] = server.TradesPerSecond,
            ["tradesGenerated"] = server.TradesGenerated,
            ["connections"] = server.Exchanges.ToDictionary(e => e, e => server.ConnectionCount(e)),
            ["lastTradeIds"] = server.Symbols.ToDictionary(s => s, server.LastTradeId),
        }));
    }

    private static string? Exchange(string? exchange) => string.IsNullOrEmpty(exchange) || exchange == "all" ? null : exchange;

    private static IResult Run(Func<int> command)
    {
        try
        {
            var connections = command();
            return Results.Text(string.Create(CultureInfo.InvariantCulture, $$"""{"connections":{{connections}}}"""), "application/json");
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = e.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
