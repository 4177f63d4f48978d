using System.Net;
using System.Text;
using System.Text.Json;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>The service on a real nats-server: inputs on the bus, records on the streams, the API, the kill switch, poison.</summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class PaperOmsServiceTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task Signals_and_ticks_on_the_bus_trade_and_the_account_equals_a_recomputation_from_the_stored_fills(CancellationToken cancellationToken)
    {
        // The OMS's stream names are fixed (ORDERS, FILLS, …), so each test has its own server.
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var steps = PaperSession.Steps(120);
        await using var oms = await PaperOmsHost.StartAsync(PaperSession.Config(nats.Url), cancellationToken);
        using var http = oms.CreateClient();

        await PaperSession.PublishAsync(bus, steps, cancellationToken);
        await PaperSession.WaitDrainedAsync(bus, cancellationToken);
        var drainedUs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var fills = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
        var intents = await PaperSession.ReadAsync<OrderIntent>(bus, Streams.Orders.Name, cancellationToken);
        var events = await PaperSession.ReadAsync<OrderEvent>(bus, Streams.Orders.Name, cancellationToken);
        var reading = await PaperApiReading.ReadAsync(http, cancellationToken);

        // Independent recomputation from the stored fills: each book starts with its cash, a buy pays qty × price,
        // a sell receives it, every fill pays its fee; a position is the sum of signed quantities.
        var strategies = steps.SelectMany(s => s.Signals).Select(s => s.Strategy).Distinct().ToList();
        var cash = strategies.ToDictionary(s => s, s => PaperSession.StartingCash + fills.Where(f => f.Strategy == s).Sum(CashFlow));
        var quantities = fills.GroupBy(f => f.Strategy).Select(g => (g.Key, Quantity: g.Sum(SignedQuantity)))
            .Where(p => p.Quantity != 0m).ToDictionary(p => p.Key, p => p.Quantity);
        var lastPrice = steps[^1].Tick.Price.ToDecimal();
        var signalIds = steps.SelectMany(s => s.Signals).Select(s => s.SignalId).ToHashSet();
        var accepted = events.Where(e => e.Status == OrderStatus.Accepted).Select(e => e.OrderId).ToHashSet();
        Assert.That(strategies, Has.Count.EqualTo(4), "trend, rsi_revert, supertrend and fused trade");
        Assert.That(fills.Select(f => f.Strategy).Distinct().Count(), Is.GreaterThanOrEqualTo(3), "most books trade");
        Assert.Multiple(() =>
        {
            Assert.That(reading.Deposits, Is.EqualTo(PaperSession.StartingCash * strategies.Count));
            Assert.That(reading.Cash, Is.EqualTo(cash.Values.Sum()));
            Assert.That(reading.FeesPaid, Is.EqualTo(fills.Sum(f => f.Fee.ToDecimal())));
            Assert.That(reading.Fills, Is.EqualTo(fills.Count));
            Assert.That(reading.CashByStrategy, Is.EquivalentTo(cash));
            Assert.That(reading.QuantityByStrategy, Is.EquivalentTo(quantities));
            Assert.That(reading.Equity, Is.EqualTo(reading.Cash + (quantities.Values.Sum() * lastPrice)), "marked at the last trade");
            Assert.That(intents.Select(i => i.SignalId), Is.SubsetOf(signalIds));
            Assert.That(intents.Select(i => i.IntentId), Is.Unique);
            Assert.That(fills.Select(f => f.OrderId).Distinct(), Is.SubsetOf(accepted), "every fill belongs to an accepted order");
            Assert.That(fills.Select(f => f.FillId), Is.Unique);
            Assert.That(fills.Select(PaperSession.Describe), Is.EqualTo(PaperSession.Reference(steps).Fills.Select(PaperSession.Describe)),
                "the same fills as the engine alone fed the same inputs");
        });

        // The periodic snapshots report the same account (rounded to 12 decimals for the wire).
        var (account, perStrategy, positions) = await WaitForSnapshotsAsync(bus, drainedUs, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(account.Cash.ToDecimal(), Is.EqualTo(Math.Round(reading.Cash, 12)));
            Assert.That(account.FeesPaid.ToDecimal(), Is.EqualTo(Math.Round(reading.FeesPaid, 12)));
            Assert.That(account.Positions, Has.Count.EqualTo(strategies.Count));
            Assert.That(perStrategy.ToDictionary(a => a.Strategy, a => a.Cash.ToDecimal()), Is.EquivalentTo(cash.ToDictionary(p => p.Key, p => Math.Round(p.Value, 12))));
            Assert.That(positions.Where(p => p.Quantity.ToDecimal() != 0m).ToDictionary(p => p.Strategy, p => p.Quantity.ToDecimal()), Is.EquivalentTo(quantities));
        });
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Kill_switch_set_through_the_api_survives_a_restart_and_blocks_orders_until_released(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var config = PaperSession.Config(nats.Url);
        var steps = PaperSession.Steps(120);
        var firstHalf = steps.Take(steps.Count / 2).ToList();

        await using (var first = await PaperOmsHost.StartAsync(config, cancellationToken))
        {
            using var http = first.CreateClient();
            await WaitReadyAsync(http, cancellationToken);
            using var on = await PostAsync(http, "api/paper/kill-switch", """{"enabled":true,"reason":"operator test"}""", cancellationToken);
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await StoredKillSwitchAsync(bus, cancellationToken), Is.True, "the bucket holds the switch");
        await using (var second = await PaperOmsHost.StartAsync(config, cancellationToken))
        {
            using var http = second.CreateClient();
            await WaitReadyAsync(http, cancellationToken);
            await PaperSession.PublishAsync(bus, firstHalf, cancellationToken);
            await PaperSession.WaitDrainedAsync(bus, cancellationToken);
            var reading = await PaperApiReading.ReadAsync(http, cancellationToken);
            var events = await PaperSession.ReadAsync<OrderEvent>(bus, Streams.Orders.Name, cancellationToken);
            var fills = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(reading.KillSwitch, Is.True, "read back from the bucket after the restart");
                Assert.That(reading.KillSwitchReason, Is.EqualTo("operator test"));
                Assert.That(fills, Is.Empty, "from flat every order adds exposure");
                Assert.That(events.Where(e => e.Status == OrderStatus.Rejected).Select(e => e.ReasonCode), Is.Not.Empty.And.All.EqualTo("kill_switch"));
                Assert.That(events.Where(e => e.Status == OrderStatus.Accepted), Is.Empty);
            });
            using var off = await PostAsync(http, "api/paper/kill-switch", """{"enabled":false}""", cancellationToken);
            Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await StoredKillSwitchAsync(bus, cancellationToken), Is.False);
        await using var third = await PaperOmsHost.StartAsync(config, cancellationToken);
        using var client = third.CreateClient();
        await WaitReadyAsync(client, cancellationToken);
        Assert.That((await PaperApiReading.ReadAsync(client, cancellationToken)).KillSwitch, Is.False, "released, after a restart too");
        await PaperSession.PublishAsync(bus, steps.Skip(firstHalf.Count), cancellationToken);
        await PaperSession.WaitDrainedAsync(bus, cancellationToken);
        var later = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
        Assert.That(later, Is.Not.Empty, "released, signals trade again");
        Assert.That(later.Min(f => f.TimeUs), Is.GreaterThanOrEqualTo(firstHalf[^1].Tick.ExchangeTimeUs), "nothing traded while it was engaged");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Undecodable_signal_and_tick_are_dead_lettered_and_the_inputs_after_them_still_trade(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = Bus(nats);
        var steps = PaperSession.Steps(60);
        await using var oms = await PaperOmsHost.StartAsync(PaperSession.Config(nats.Url), cancellationToken);
        using var http = oms.CreateClient();
        await WaitReadyAsync(http, cancellationToken);
        byte[] garbage = [0xff, 0xff, 0xff, 0x01];
        var priceless = new Tick { Exchange = PaperSession.Exchange, Symbol = PaperSession.Symbol, TradeId = "poison", ExchangeTimeUs = 1 };

        await bus.PublishAsync(new BusEnvelope(Subjects.Signal("trend", PaperSession.Symbol), garbage, "poison-signal", "sofia.v1.Signal"), cancellationToken);
        await bus.PublishAsync(new BusEnvelope(Subjects.Ticks(PaperSession.Exchange, PaperSession.Symbol), Google.Protobuf.MessageExtensions.ToByteArray(priceless), "poison-tick", "sofia.v1.Tick"), cancellationToken);
        await PaperSession.PublishAsync(bus, steps, cancellationToken);
        await PaperSession.WaitDrainedAsync(bus, cancellationToken);

        var dead = new List<IBusMessage>();
        await foreach (var message in bus.ReadStreamAsync(Streams.DeadLetters.Name, null, 1, cancellationToken))
        {
            dead.Add(message);
        }

        var reading = await PaperApiReading.ReadAsync(http, cancellationToken);
        Assert.That(dead.Select(d => d.Subject), Is.EquivalentTo((string[])["deadletter.SIGNALS.paper-oms-signals", "deadletter.TICKS.paper-oms-ticks"]));
        var signal = dead.Single(d => d.Subject.Contains("SIGNALS", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(signal.Data.ToArray(), Is.EqualTo(garbage), "the payload is kept as it came");
            Assert.That(Header(signal, BusHeaders.DeadLetterReason), Does.StartWith("undecodable"));
            Assert.That(Header(signal, BusHeaders.DeadLetterMessageId), Is.EqualTo("poison-signal"));
            Assert.That(Header(dead.Single(d => d.Subject.Contains("TICKS", StringComparison.Ordinal)), BusHeaders.DeadLetterReason), Does.Contain("price"));
            Assert.That(reading.LastTickTimeUs, Is.EqualTo(steps[^1].Tick.ExchangeTimeUs), "every valid tick after the poison was processed");
            Assert.That(reading.Fills, Is.EqualTo(PaperSession.Reference(steps).Fills.Count));
        });
    }

    internal static NatsMessageBus Bus(NatsServer nats) => new(new NatsClientOptions { Url = nats.Url });

    internal static async Task WaitReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static decimal CashFlow(Fill fill) =>
        ((fill.Side == Side.Buy ? -1m : 1m) * fill.Quantity.ToDecimal() * fill.Price.ToDecimal()) - fill.Fee.ToDecimal();

    private static decimal SignedQuantity(Fill fill) => (fill.Side == Side.Buy ? 1m : -1m) * fill.Quantity.ToDecimal();

    private static string? Header(IBusMessage message, string name) =>
        message.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body, CancellationToken cancellationToken) =>
        http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);

    private static async Task<bool> StoredKillSwitchAsync(NatsMessageBus bus, CancellationToken cancellationToken)
    {
        var control = await bus.KeyValueAsync(KvBuckets.Control, cancellationToken);
        var entry = await control.GetAsync(KvBuckets.KillSwitchKey, cancellationToken);
        Assert.That(entry, Is.Not.Null, "the kill switch key exists");
        using var json = JsonDocument.Parse(entry!.Value);
        return json.RootElement.GetProperty("enabled").GetBoolean();
    }

    /// <summary>The first combined account snapshot taken after <paramref name="afterUs"/>, with the strategy and position snapshots of its round.</summary>
    private static async Task<(AccountSnapshot Account, List<AccountSnapshot> PerStrategy, List<PositionSnapshot> Positions)> WaitForSnapshotsAsync(
        NatsMessageBus bus, long afterUs, CancellationToken cancellationToken)
    {
        while (true)
        {
            var accounts = await PaperSession.ReadAsync<AccountSnapshot>(bus, Streams.Positions.Name, cancellationToken);
            var positions = await PaperSession.ReadAsync<PositionSnapshot>(bus, Streams.Positions.Name, cancellationToken);
            var combined = accounts.FirstOrDefault(a => a.Strategy.Length == 0 && a.TimeUs > afterUs);
            // Position snapshots of a round are published after its account snapshots.
            if (combined is not null && positions.Count(p => p.TimeUs == combined.TimeUs) == combined.Positions.Count)
            {
                return (combined, [.. accounts.Where(a => a.TimeUs == combined.TimeUs && a.Strategy.Length > 0)], [.. positions.Where(p => p.TimeUs == combined.TimeUs)]);
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
