using System.Globalization;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.ExchangeSimulator;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Testing;

namespace Sofia.Ingestor.Tests.Support;

/// <summary>A simulator, the ingestor and a client of the fixture's nats-server, with the checks the tests share.</summary>
internal sealed class IngestorScenario : IAsyncDisposable
{
    /// <summary>The simulator offsets Bybit execution ids into Bybit's range by this much.</summary>
    private const long BybitIdOffset = 2_100_000_000_000_000_000;

    private IngestorScenario(ExchangeSimulatorServer simulator, IngestorHost ingestor, NatsConnection nats)
    {
        Simulator = simulator;
        Ingestor = ingestor;
        Nats = nats;
        JetStream = new NatsJsContext(nats);
    }

    public ExchangeSimulatorServer Simulator { get; }

    public IngestorHost Ingestor { get; }

    public NatsConnection Nats { get; }

    public NatsJsContext JetStream { get; }

    public static async Task<IngestorScenario> StartAsync(
        NatsServer server,
        IReadOnlyList<string> exchanges,
        CancellationToken cancellationToken,
        double tradesPerSecond = 200,
        IReadOnlyDictionary<string, string?>? settings = null,
        int historyCapacity = 100_000)
    {
        var nats = await StreamContents.ConnectAsync(server.Url, cancellationToken);
        await StreamContents.ResetAsync(new NatsJsContext(nats), cancellationToken);
        var simulator = await ExchangeSimulatorServer.StartAsync(
            new ExchangeSimulatorOptions
            {
                Exchanges = exchanges,
                HistoryCapacity = historyCapacity,
                Market = MarketSimulatorOptions.For(TestContext.CurrentContext.Random.NextLong(1, 1_000_000), tradesPerSecond, "BTC-USDT", "ETH-USDT"),
            },
            null,
            null,
            cancellationToken);
        var ingestor = await IngestorHost.StartAsync(IngestorHost.Settings(simulator, server.Url, exchanges, settings), cancellationToken);
        return new IngestorScenario(simulator, ingestor, nats);
    }

    /// <summary>The simulator's id of a tick's trade id.</summary>
    public static long SimulatorId(string exchange, string tradeId)
    {
        var id = long.Parse(tradeId, CultureInfo.InvariantCulture);
        return exchange == ExchangeSimulatorServer.Bybit ? id - BybitIdOffset : id;
    }

    /// <summary>Waits until some ticks of every configured exchange and symbol are in the stream.</summary>
    public Task<bool> WaitForTicksAsync(string exchange, int count, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async () => (await StreamContents.TicksAsync(JetStream, exchange, "BTC-USDT", cancellationToken)).Count >= count,
            TimeSpan.FromSeconds(30),
            cancellationToken);

    /// <summary>
    /// Null when the stream holds every trade of <paramref name="symbol"/> from its first tick through
    /// <paramref name="throughId"/> exactly once, with msg ids <c>exchange:symbol:tradeId</c>; else what is wrong.
    /// </summary>
    public async Task<string?> CheckCompleteAsync(string exchange, string symbol, long throughId, CancellationToken cancellationToken)
    {
        var ticks = await StreamContents.TicksAsync(JetStream, exchange, symbol, cancellationToken);
        if (ticks.Count == 0)
        {
            return "no ticks in the stream";
        }

        var ids = new HashSet<long>();
        foreach (var (msgId, tick) in ticks)
        {
            if (msgId != MessageHeaders.TickMessageId(exchange, symbol, tick.TradeId))
            {
                return $"msg id {msgId} does not match trade {tick.TradeId}";
            }

            if (!ids.Add(SimulatorId(exchange, tick.TradeId)))
            {
                return $"trade {tick.TradeId} is stored twice";
            }
        }

        var first = ids.Min();
        var missing = new List<long>();
        for (var id = first; id <= throughId; id++)
        {
            if (!ids.Contains(id))
            {
                missing.Add(id);
            }
        }

        return missing.Count == 0 ? null : $"{missing.Count} trades missing between {first} and {throughId}, e.g. {string.Join(",", missing.Take(10))}";
    }

    /// <summary>Polls <see cref="CheckCompleteAsync"/> until it passes; returns the last problem, or null.</summary>
    public async Task<string?> WaitUntilCompleteAsync(string exchange, string symbol, long throughId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? problem = "not checked";
        await Poll.UntilAsync(
            async () => (problem = await CheckCompleteAsync(exchange, symbol, throughId, cancellationToken)) is null,
            timeout,
            cancellationToken);
        return problem;
    }

    /// <summary>Ticks whose values differ from the simulator's record of the same trade.</summary>
    public async Task<List<string>> MismatchesAsync(string exchange, string symbol, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (_, tick) in await StreamContents.TicksAsync(JetStream, exchange, symbol, cancellationToken))
        {
            var id = SimulatorId(exchange, tick.TradeId);
            var truth = Simulator.GetTrades(symbol, id, 1).Single();
            var price = Decimal(tick.Price);
            var quantity = Decimal(tick.Quantity);
            var side = truth.TakerIsBuyer ? Side.Buy : Side.Sell;
            if (truth.TradeId != id || price != truth.Price || quantity != truth.Quantity || tick.AggressorSide != side
                || tick.ExchangeTimeUs / 1000 != truth.TimeUs / 1000 || tick.Exchange != exchange || tick.Symbol != symbol || tick.ReceiveTimeUs < tick.ExchangeTimeUs - 1000)
            {
                problems.Add($"{tick} vs {truth}");
            }
        }

        return problems;
    }

    public static decimal Decimal(DecimalValue value) =>
        new((int)(uint)Math.Abs(value.Mantissa), (int)(uint)(Math.Abs(value.Mantissa) >> 32), 0, value.Mantissa < 0, (byte)value.Scale);

    public async ValueTask DisposeAsync()
    {
        await Ingestor.DisposeAsync();
        await Simulator.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
