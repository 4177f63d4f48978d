using System.Text;
using System.Text.Json;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>
/// The OMS killed mid-session and nats-server restarted mid-session: the books end as an uninterrupted run's, nothing
/// traded twice. A record lost for good (a double fault) is reported by the rebuild.
/// </summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class PaperOmsFaultTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Oms_process_killed_mid_session_and_started_again_ends_with_the_books_of_an_uninterrupted_run(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = PaperOmsServiceTests.Bus(nats);
        var config = PaperSession.Config(nats.Url);
        var steps = PaperSession.Steps(240);
        var backlog = steps.Count / 2;
        var killAfterUs = steps[backlog / 3].Tick.ExchangeTimeUs;
        await PaperSession.PublishAsync(bus, steps.Take(backlog), cancellationToken);

        await using (var first = PaperOmsProcess.Start(config))
        {
            using var http = first.CreateClient();
            await first.WaitUntilReadyAsync(http, cancellationToken);
            while ((await PaperApiReading.ReadAsync(http, cancellationToken)).LastTickTimeUs < killAfterUs)
            {
                await Task.Delay(10, cancellationToken);
            }

            await first.KillAsync();
        }

        var ticks = await bus.GetConsumerStateAsync(Streams.Ticks.Name, Durables.PaperOmsTicks, cancellationToken);
        var signals = await bus.GetConsumerStateAsync(Streams.Signals.Name, Durables.PaperOmsSignals, cancellationToken);
        await TestContext.Out.WriteLineAsync($"killed with ticks {ticks} and signals {signals} left of the backlog");
        await PaperSession.PublishAsync(bus, steps.Skip(backlog), cancellationToken);
        await using var second = PaperOmsProcess.Start(config);
        using var client = second.CreateClient();
        await second.WaitUntilReadyAsync(client, cancellationToken);
        await PaperSession.WaitDrainedAsync(bus, cancellationToken);

        await AssertSameAsUninterruptedAsync(bus, client, steps, cancellationToken);
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Nats_server_restarted_mid_session_the_oms_resumes_and_trades_nothing_twice(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = PaperOmsServiceTests.Bus(nats);
        var steps = PaperSession.Steps(200);
        var half = steps.Count / 2;
        await using var oms = await PaperOmsHost.StartAsync(PaperSession.Config(nats.Url), cancellationToken);
        using var http = oms.CreateClient();
        await PaperOmsServiceTests.WaitReadyAsync(http, cancellationToken);

        await PaperSession.PublishAsync(bus, steps.Take(half), cancellationToken);
        // Restarted while the OMS is working through the first half.
        long processedUs;
        while ((processedUs = (await PaperApiReading.ReadAsync(http, cancellationToken)).LastTickTimeUs) == 0)
        {
            await Task.Delay(20, cancellationToken);
        }

        await nats.RestartAsync(cancellationToken);
        var behind = steps.Take(half).Count(s => s.Tick.ExchangeTimeUs > processedUs);
        await TestContext.Out.WriteLineAsync($"restarted nats-server with {behind} of {half} published trades not yet processed");
        await PaperSession.PublishAsync(bus, steps.Skip(half), cancellationToken);
        await PaperSession.WaitDrainedAsync(bus, cancellationToken);

        await AssertSameAsUninterruptedAsync(bus, http, steps, cancellationToken);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task A_record_lost_from_the_streams_is_reported_by_the_rebuild_naming_its_book_and_sequence(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var bus = PaperOmsServiceTests.Bus(nats);
        var config = PaperSession.Config(nats.Url);
        await using (var first = await PaperOmsHost.StartAsync(config, cancellationToken))
        {
            using var http = first.CreateClient();
            await PaperOmsServiceTests.WaitReadyAsync(http, cancellationToken);
            await PaperSession.PublishAsync(bus, PaperSession.Steps(60), cancellationToken);
            await PaperSession.WaitDrainedAsync(bus, cancellationToken);
            Assert.That(await MissingRecordsAsync(http, cancellationToken), Is.Empty, "a whole session");
        }

        // What a double fault leaves: a record the OMS never stored again. Here a fill from the middle of the stream.
        var stored = new List<(ulong StreamSequence, Fill Fill)>();
        await foreach (var message in bus.ReadStreamAsync(Streams.Fills.Name, null, 1, cancellationToken))
        {
            stored.Add((message.StreamSequence, Fill.Parser.ParseFrom(message.Data.Span)));
        }

        var (lostSequence, lost) = stored[stored.Count / 2];
        await using (var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [nats.Url] }, cancellationToken))
        {
            var reply = await connection.RequestAsync(
                $"$JS.API.STREAM.MSG.DELETE.{Streams.Fills.Name}", Encoding.UTF8.GetBytes($"{{\"seq\":{lostSequence}}}"), cancellationToken: cancellationToken);
            Assert.That(Encoding.UTF8.GetString(reply.Data.Span), Does.Contain("\"success\":true"));
        }

        await using var second = await PaperOmsHost.StartAsync(config, cancellationToken);
        using var client = second.CreateClient();
        await PaperOmsServiceTests.WaitReadyAsync(client, cancellationToken);
        var book = $"{lost.Strategy}:{lost.Exchange}:{lost.Symbol}";
        Assert.That(await MissingRecordsAsync(client, cancellationToken), Is.EqualTo(new[] { $"{book} {lost.BookSequence}..{lost.BookSequence}" }));
    }

    private static async Task<List<string>> MissingRecordsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/paper/state", UriKind.Relative), cancellationToken));
        return state.RootElement.GetProperty("missingRecords").EnumerateArray()
            .Select(m => $"{m.GetProperty("book").GetString()} {m.GetProperty("from").GetUInt64()}..{m.GetProperty("to").GetUInt64()}")
            .ToList();
    }

    private static async Task AssertSameAsUninterruptedAsync(IMessageBus bus, HttpClient http, List<PaperStep> steps, CancellationToken cancellationToken)
    {
        var (reference, referenceFills) = PaperSession.Reference(steps);
        var fills = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
        var reading = await PaperApiReading.ReadAsync(http, cancellationToken);
        var expectedQuantities = reference.Books.Where(b => b.Quantity != 0m).ToDictionary(b => b.Key.Strategy, b => b.Quantity);
        Assert.That(referenceFills, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(reading.QuantityByStrategy, Is.EquivalentTo(expectedQuantities), "positions");
            Assert.That(reading.Cash, Is.EqualTo(reference.Account.Combined.Cash), "cash");
            Assert.That(reading.Equity, Is.EqualTo(reference.Account.Combined.Equity), "equity");
            Assert.That(reading.RealizedPnl, Is.EqualTo(reference.Account.Combined.RealizedPnl), "realized PnL");
            Assert.That(reading.FeesPaid, Is.EqualTo(reference.Account.Combined.FeesPaid), "fees");
            Assert.That(reading.Fills, Is.EqualTo(referenceFills.Count), "fills booked");
            Assert.That(fills.Select(f => f.FillId), Is.Unique, "no fill stored twice");
            Assert.That(
                fills.GroupBy(PaperSession.SignalOf).ToDictionary(g => g.Key, g => g.Count()),
                Is.EquivalentTo(referenceFills.GroupBy(PaperSession.SignalOf).ToDictionary(g => g.Key, g => g.Count())),
                "fills per signal");
            var stored = fills.Select(PaperSession.Describe).ToList();
            var expected = referenceFills.Select(PaperSession.Describe).ToList();
            Assert.That(stored.Order(StringComparer.Ordinal), Is.EqualTo(expected.Order(StringComparer.Ordinal)),
                $"stored only:\n{string.Join('\n', stored.Except(expected))}\nreference only:\n{string.Join('\n', expected.Except(stored))}");
        });
    }
}
