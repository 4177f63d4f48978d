using System.Globalization;
using Google.Protobuf;
using Sofia.ClickHouse;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.SignalHub.Domain;
using Sofia.Signals;
using Sofia.Testing;

namespace Sofia.SignalHub.Tests;

/// <summary>Warm-up from the tick writer's ClickHouse schema on a real clickhouse-server, then live ticks over NATS.</summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class ClickHouseWarmUpTests
{
    private const string Plan = """
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, params: { fast: 5, slow: 15 } }
              - { name: rsi_revert, params: { period: 6, lower: 35, upper: 65 } }
        """;

    [Test]
    [CancelAfter(180_000)]
    public async Task A_hub_warmed_from_clickhouse_signals_from_its_first_live_bar_as_an_uninterrupted_run(CancellationToken cancellationToken)
    {
        var planPath = Path.Combine(Path.GetTempPath(), TestNames.Unique("plan") + ".yaml");
        await File.WriteAllTextAsync(planPath, Plan, cancellationToken);
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var clickHouse = await ClickHouseServer.StartNewAsync(cancellationToken);
        var ticks = RealTicks.From(RealTicks.Bars(160));
        const int LiveFrom = 100 * 4; // bars 0..99 are stored history; the hub sees ticks from bar 100 on
        var database = TestNames.Unique("warm");
        using (var admin = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = clickHouse.HttpUrl }))
        {
            await new ClickHouseMigrator(admin, database).ApplyAsync(Path.Combine(RepositoryPaths.Root, "infra", "clickhouse"), cancellationToken);
            await admin.ExecuteAsync(Insert(ticks.Take(LiveFrom)), new ClickHouseQueryOptions { Database = database }, cancellationToken);
        }

        var all = new SignalEngine(StrategyPlan.Load(planPath));
        var expected = new List<StrategySignal>();
        foreach (var tick in ticks)
        {
            expected.AddRange(all.OnTick(tick.Exchange, tick.Symbol, SignalMessages.ToTradeTick(tick), tick.TradeId));
        }

        expected = [.. expected.Where(s => s.BarOpenTimeUs >= ticks[LiveFrom].ExchangeTimeUs)];

        var settings = new Dictionary<string, string?>
        {
            ["ClickHouse:Url"] = clickHouse.HttpUrl.ToString(),
            ["ClickHouse:Database"] = database,
        };
        await using var hub = await SignalHubHost.StartAsync(nats.Url, planPath, history: null, cancellationToken, settings);
        await using var bus = new NatsMessageBus(new NatsClientOptions { Url = nats.Url });
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        foreach (var tick in ticks.Skip(LiveFrom))
        {
            await bus.PublishAsync(new BusEnvelope(Subjects.Ticks(tick.Exchange, tick.Symbol), tick.ToByteArray(), RealTicks.MessageId(tick), "sofia.v1.Tick"), cancellationToken);
        }

        var published = new List<Signal>();
        while (published.Count < expected.Count)
        {
            published.Clear();
            try
            {
                await foreach (var message in bus.ReadStreamAsync(Streams.Signals.Name, "signals.>", 1, cancellationToken))
                {
                    published.Add(Signal.Parser.ParseFrom(message.Data.Span));
                }
            }
            catch (NatsJsApiException ex) when (ex.ErrorCode == 10059)
            {
                // Not created yet (JetStream 10059: stream not found).
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.That(published.Min(s => s.BarTimeUs), Is.EqualTo(ticks[LiveFrom].ExchangeTimeUs), "the first live bar is signalled");
        Assert.That(
            published.Select(s => (s.SignalId, s.Direction.ToString(), s.Strength, s.Reason)),
            Is.EqualTo(expected.Select(s => (s.Id, s.Direction switch
            {
                Sofia.Trading.Strategies.SignalDirection.Long => nameof(SignalDirection.Long),
                Sofia.Trading.Strategies.SignalDirection.Short => nameof(SignalDirection.Short),
                _ => nameof(SignalDirection.Flat),
            }, s.Strength, s.Reason))));
        File.Delete(planPath);
    }

    private static string Insert(IEnumerable<Tick> ticks) =>
        "INSERT INTO ticks (exchange, symbol, trade_id, price, quantity, side, exchange_time_us, receive_time_us, time, inserted_us) VALUES "
        + string.Join(", ", ticks.Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"('{t.Exchange}', '{t.Symbol}', '{t.TradeId}', toDecimal128('{t.Price.ToDecimal()}', 18), toDecimal128('{t.Quantity.ToDecimal()}', 18), {(int)t.AggressorSide}, {t.ExchangeTimeUs}, {t.ReceiveTimeUs}, toDateTime({t.ExchangeTimeUs / 1_000_000}), 0)")));
}
