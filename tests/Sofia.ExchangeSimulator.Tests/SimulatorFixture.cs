using Sofia.Exchanges;
using Sofia.Testing;

namespace Sofia.ExchangeSimulator.Tests;

/// <summary>Starts a simulator on a free port with a manual clock, for one test.</summary>
internal static class SimulatorFixture
{
    public static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT"];

    public static async Task<(ExchangeSimulatorServer Server, ManualClock Clock)> StartAsync(
        double tradesPerSecond, CancellationToken cancellationToken, ExchangeSimulatorOptions? options = null)
    {
        var clock = new ManualClock();
        options ??= new ExchangeSimulatorOptions();
        options = options with { Market = MarketSimulatorOptions.For(42, tradesPerSecond, Symbols) with { Regimes = options.Market.Regimes } };
        var server = await ExchangeSimulatorServer.StartAsync(options, clock, null, cancellationToken);
        return (server, clock);
    }

    /// <summary>The simulator's recorded trade for a parsed one (the independent truth).</summary>
    public static SimulatedTrade Truth(ExchangeSimulatorServer server, string exchange, in ParsedTrade trade)
    {
        var id = exchange == ExchangeNames.Bybit ? trade.TradeId - Exchanges.BybitSession.IdOffset : trade.TradeId;
        return server.GetTrades(trade.Symbol, id, 1).Single();
    }

    /// <summary>The exchange's time precision: milliseconds except Coinbase (microseconds).</summary>
    public static long ExchangeTimeUs(string exchange, long timeUs) => exchange == ExchangeNames.Coinbase ? timeUs : timeUs / 1000 * 1000;

    /// <summary>Polls a condition with a deadline of real time.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
