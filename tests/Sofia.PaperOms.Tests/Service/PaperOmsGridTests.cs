using System.Text.Json;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Testing;
using static Sofia.PaperOms.Tests.Domain.GridScenario;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>
/// A grid in the strategies file, run by the OMS on a real nats-server from ticks alone (no signal hub): its limit
/// orders, cancels and maker fills on the ORDERS and FILLS streams and the account, worked out by hand
/// (<see cref="Domain.GridScenario"/>), uninterrupted and across a kill -9.
/// </summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class PaperOmsGridTests
{
    private const long Bar1 = T0 + (60 * Second);
    private const long Bar2 = T0 + (120 * Second);

    // What the grid read at the closes of bars 0, 1 and 2 (GridScenario): position and equity at the close.
    private static readonly double[] PositionsRead = [0d, 10d, -0.1470071d];
    private static readonly double[] EquitiesRead = [10_000d, 9994.802d, 10_004.4331991835d];

    [Test]
    [CancelAfter(180_000)]
    public async Task Grid_in_the_plan_places_limit_orders_at_bar_closes_that_fill_at_their_limit_with_the_maker_fee(CancellationToken cancellationToken)
    {
        var planPath = await WritePlanAsync(cancellationToken);
        try
        {
            await using var nats = await NatsServer.StartNewAsync(cancellationToken);
            await using var bus = PaperOmsServiceTests.Bus(nats);
            await using var oms = await PaperOmsHost.StartAsync(Config(nats.Url, planPath), cancellationToken);
            using var http = oms.CreateClient();

            await PaperSession.PublishAsync(bus, Steps(), cancellationToken);
            await PaperSession.WaitDrainedAsync(bus, cancellationToken);

            var intents = await PaperSession.ReadAsync<OrderIntent>(bus, Streams.Orders.Name, cancellationToken);
            var events = await PaperSession.ReadAsync<OrderEvent>(bus, Streams.Orders.Name, cancellationToken);
            var decisions = await PaperSession.ReadAsync<PaperSignalHandled>(bus, Streams.Orders.Name, cancellationToken);
            var fills = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
            var reading = await PaperApiReading.ReadAsync(http, cancellationToken);

            // Per bar close: buy k=1, sell k=1, buy k=2, sell k=2 (GridScenario works out the sizes and prices).
            (string, OrderType, Side, decimal, decimal)[] expectedIntents =
            [
                ($"{Book}:{T0}:intent:0", OrderType.Limit, Side.Buy, 10m, 99m),
                ($"{Book}:{T0}:intent:1", OrderType.Limit, Side.Sell, 10m, 101m),
                ($"{Book}:{T0}:intent:2", OrderType.Limit, Side.Buy, 10m, 98m),
                ($"{Book}:{T0}:intent:3", OrderType.Limit, Side.Sell, 10m, 102m),
                ($"{Book}:{Bar1}:intent:0", OrderType.Limit, Side.Buy, 10.1470071m, 97.515m),
                ($"{Book}:{Bar1}:intent:1", OrderType.Limit, Side.Sell, 10.1470071m, 99.485m),
                ($"{Book}:{Bar1}:intent:2", OrderType.Limit, Side.Buy, 10.1470071m, 96.53m),
                ($"{Book}:{Bar1}:intent:3", OrderType.Limit, Side.Sell, 10.1470071m, 100.47m),
                ($"{Book}:{Bar2}:intent:0", OrderType.Limit, Side.Buy, 10.04461164m, 98.604m),
                ($"{Book}:{Bar2}:intent:1", OrderType.Limit, Side.Sell, 10.04461164m, 100.596m),
                ($"{Book}:{Bar2}:intent:2", OrderType.Limit, Side.Buy, 10.04461164m, 97.608m),
                ($"{Book}:{Bar2}:intent:3", OrderType.Limit, Side.Sell, 10.04461164m, 101.592m),
            ];
            Assert.Multiple(() =>
            {
                Assert.That(intents.Select(i => (i.IntentId, i.Type, i.Side, i.Quantity.ToDecimal(), i.Price.ToDecimal())), Is.EqualTo(expectedIntents));
                Assert.That(intents.Select(i => i.TimeUs).Distinct(), Is.EqualTo(new[] { TimeOf(60.5), TimeOf(120.5), TimeOf(180.5) }), "placed at the trades closing bars 0, 1, 2");
                Assert.That(events.Where(e => e.Status == OrderStatus.Accepted).Select(e => e.IntentId), Is.EqualTo(expectedIntents.Select(i => i.Item1)));
                Assert.That(events.Where(e => e.Status == OrderStatus.Rejected), Is.Empty);
                Assert.That(decisions.Select(d => (d.SignalId, d.Outcome, d.TimeUs, d.AccountOpenOrders)), Is.EqualTo(new[]
                {
                    ($"{Book}:{T0}", "grid", TimeOf(60.5), 0),
                    ($"{Book}:{Bar1}", "grid", TimeOf(120.5), 3),
                    ($"{Book}:{Bar2}", "grid", TimeOf(180.5), 3),
                }));
                Assert.That(decisions.Select(d => d.AccountPosition), Is.EqualTo(PositionsRead).Within(1e-12), "position read");
                Assert.That(decisions.Select(d => d.AccountEquity), Is.EqualTo(EquitiesRead).Within(1e-9), "equity at each bar's close");
            });
            AssertFillsAndCancels(fills, events);

            // Realized (fees apart): (99.485 − 99) · 10 on the long, then (99.485 − 98.604) · 0.1470071 on the short.
            // The last trade marks the long of 9.89760454 at 98.5.
            using var state = await PaperApiReading.GetAsync(http, "api/paper/state", cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(reading.Deposits, Is.EqualTo(10_000m));
                Assert.That(reading.Fills, Is.EqualTo(3));
                Assert.That(reading.FeesPaid, Is.EqualTo(0.198m + 0.201895m + 0.19808778m));
                Assert.That(reading.RealizedPnl, Is.EqualTo(4.85m + 0.1295132551m));
                Assert.That(reading.Cash, Is.EqualTo(FinalCash));
                Assert.That(reading.Equity, Is.EqualTo(FinalCash + (FinalPosition * 98.5m)));
                Assert.That(reading.CashByStrategy, Is.EquivalentTo(new Dictionary<string, decimal> { ["grid"] = FinalCash }));
                Assert.That(reading.QuantityByStrategy, Is.EquivalentTo(new Dictionary<string, decimal> { ["grid"] = FinalPosition }));
                Assert.That(OpenOrders(state), Is.EqualTo(3), "bar 2's grid less its filled buy at 98.604");
            });
        }
        finally
        {
            File.Delete(planPath);
        }
    }

    /// <summary>
    /// Killed after the 3rd trade: bar 0's four orders were just placed (they must come back resting, so that 98.5
    /// fills the buy at 99 as a maker); after the 4th: bar 1 is open and only its trades read again close it at 98.5;
    /// after the 5th: bar 1's four orders rest and the sell at 99.485 fills at its limit.
    /// </summary>
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [CancelAfter(240_000)]
    public async Task Grid_oms_killed_mid_session_restores_its_resting_orders_and_open_bar_and_fills_as_an_uninterrupted_run(int tradesBefore, CancellationToken cancellationToken)
    {
        var planPath = await WritePlanAsync(cancellationToken);
        try
        {
            await using var nats = await NatsServer.StartNewAsync(cancellationToken);
            await using var bus = PaperOmsServiceTests.Bus(nats);
            var config = Config(nats.Url, planPath);
            var steps = Steps();

            await using (var first = PaperOmsProcess.Start(config))
            {
                using var http = first.CreateClient();
                await first.WaitUntilReadyAsync(http, cancellationToken);
                await PaperSession.PublishAsync(bus, steps.Take(tradesBefore), cancellationToken);
                await PaperSession.WaitDrainedAsync(bus, cancellationToken);
                await first.KillAsync();
            }

            // The rest arrives while the OMS is down; the restart reads the open bar's trades again from the stream.
            await PaperSession.PublishAsync(bus, steps.Skip(tradesBefore), cancellationToken);
            await using var second = PaperOmsProcess.Start(config);
            using var client = second.CreateClient();
            await second.WaitUntilReadyAsync(client, cancellationToken);
            await PaperSession.WaitDrainedAsync(bus, cancellationToken);

            var fills = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
            var events = await PaperSession.ReadAsync<OrderEvent>(bus, Streams.Orders.Name, cancellationToken);
            var intents = await PaperSession.ReadAsync<OrderIntent>(bus, Streams.Orders.Name, cancellationToken);
            var reading = await PaperApiReading.ReadAsync(client, cancellationToken);
            using var state = await PaperApiReading.GetAsync(client, "api/paper/state", cancellationToken);
            AssertFillsAndCancels(fills, events);
            Assert.Multiple(() =>
            {
                Assert.That(intents.Select(i => i.IntentId), Is.Unique.And.Exactly(12).Items, "each bar's grid placed once");
                Assert.That(reading.Cash, Is.EqualTo(FinalCash));
                Assert.That(reading.QuantityByStrategy, Is.EquivalentTo(new Dictionary<string, decimal> { ["grid"] = FinalPosition }));
                Assert.That(OpenOrders(state), Is.EqualTo(3));
            });
        }
        finally
        {
            File.Delete(planPath);
        }
    }

    /// <summary>
    /// The hand-worked fills (maker, at the limit) and the cancels: at 120.5 bar 0's sell 101, buy 98 and sell 102, at
    /// 180.5 bar 1's buy 97.515, buy 96.53 and sell 100.47.
    /// </summary>
    private static void AssertFillsAndCancels(List<Fill> fills, List<OrderEvent> events) => Assert.Multiple(() =>
    {
        Assert.That(fills.Select(Of), Is.EqualTo(Fills));
        Assert.That(fills.Select(f => f.Maker), Is.All.True);
        Assert.That(events.Where(e => e.Status == OrderStatus.Cancelled).Select(e => (e.OrderId, e.TimeUs)), Is.EqualTo(new[]
        {
            ($"{Book}:{T0}:order:1", TimeOf(120.5)),
            ($"{Book}:{T0}:order:2", TimeOf(120.5)),
            ($"{Book}:{T0}:order:3", TimeOf(120.5)),
            ($"{Book}:{Bar1}:order:0", TimeOf(180.5)),
            ($"{Book}:{Bar1}:order:2", TimeOf(180.5)),
            ($"{Book}:{Bar1}:order:3", TimeOf(180.5)),
        }));
        Assert.That(events.Where(e => e.Status == OrderStatus.Filled).Select(e => e.OrderId), Is.EqualTo(new[]
        {
            $"{Book}:{T0}:order:0", $"{Book}:{Bar1}:order:1", $"{Book}:{Bar2}:order:0",
        }));
    });

    /// <summary>The session's settings and the plan; <c>PaperOms:RunOrderStrategies</c> is left at its default (on).</summary>
    private static Dictionary<string, string?> Config(string natsUrl, string planPath)
    {
        var config = PaperSession.Config(natsUrl);
        config["PaperOms:StrategiesFile"] = planPath;
        return config;
    }

    /// <summary>The scenario's trades as the ingestor publishes them; no signals (the grid is the OMS's own).</summary>
    private static List<PaperStep> Steps() => [.. Ticks().Select(t => new PaperStep(new Tick
    {
        Exchange = t.Exchange,
        Symbol = t.Symbol,
        Price = DecimalValue.FromDecimal(t.Price),
        Quantity = DecimalValue.FromDecimal(t.Quantity),
        AggressorSide = Side.Buy,
        TradeId = t.TradeId,
        ExchangeTimeUs = t.TimeUs,
        ReceiveTimeUs = t.ReceiveTimeUs,
    }, []))];

    private static async Task<string> WritePlanAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), TestNames.Unique("grid_plan") + ".yaml");
        await File.WriteAllTextAsync(path, Plan, cancellationToken);
        return path;
    }

    private static int OpenOrders(JsonDocument state) =>
        state.RootElement.GetProperty("books").EnumerateArray().Single(b => b.GetProperty("strategy").GetString() == "grid").GetProperty("openOrders").GetInt32();
}
