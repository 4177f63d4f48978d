using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Sofia.ClickHouse;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Testing;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>The replay over real clickhouse-server history against what the OMS did on a real nats-server.</summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public sealed class PaperReplayTests
{
    private const string GridBook = "grid:binance:BTC-USDT";

    // The session's plan and a grid the OMS runs itself (weight 0: out of the fusion, so the hub's signals stay the
    // session's); 10 bps apart, its orders fill within a few one-minute BTC bars.
    private const string PlanWithGrid = PaperSession.Plan + """

              - { name: grid, weight: 0, params: { levels: 3, spacing_bps: 10, order_fraction: 0.1, max_inventory: 0.5, rebalance_bars: 20 } }
        """;

    [Test]
    [CancelAfter(300_000)]
    public async Task Replay_of_the_stored_trades_matches_the_live_fills_of_signal_and_grid_books_and_reports_a_planted_fill(CancellationToken cancellationToken)
    {
        var planPath = Path.Combine(Path.GetTempPath(), TestNames.Unique("plan") + ".yaml");
        await File.WriteAllTextAsync(planPath, PlanWithGrid, cancellationToken);
        try
        {
            await using var nats = await NatsServer.StartNewAsync(cancellationToken);
            await using var clickHouse = await ClickHouseServer.StartNewAsync(cancellationToken);
            await using var bus = PaperOmsServiceTests.Bus(nats);
            var steps = PaperSession.Steps(150);
            var database = TestNames.Unique("replay");
            using (var admin = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = clickHouse.HttpUrl }))
            {
                await new ClickHouseMigrator(admin, database).ApplyAsync(Path.Combine(RepositoryPaths.Root, "infra", "clickhouse"), cancellationToken);
                await admin.ExecuteAsync(Insert(steps.Select(s => s.Tick)), new ClickHouseQueryOptions { Database = database }, cancellationToken);
            }

            var config = PaperSession.Config(nats.Url);
            config["ClickHouse:Url"] = clickHouse.HttpUrl.ToString();
            config["ClickHouse:Database"] = database;
            config["PaperOms:StrategiesFile"] = planPath;
            await using var oms = await PaperOmsHost.StartAsync(config, cancellationToken);
            using var http = oms.CreateClient();
            await PaperSession.PublishAsync(bus, steps, cancellationToken);
            await PaperSession.WaitDrainedAsync(bus, cancellationToken);

            // The last hour: 60 bars of 150, the OMS holding positions (and the grid resting orders) from the 90 before it.
            using var same = await ReplayAsync(http, cancellationToken);
            var toUs = steps[^1].Tick.ExchangeTimeUs + 1;
            var fromUs = toUs - 3_600_000_000L;
            var books = same.RootElement.GetProperty("books").EnumerateArray().ToList();
            var liveGridFills = (await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken))
                .Where(f => f.Strategy == "grid" && f.TimeUs >= fromUs).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(same.RootElement.GetProperty("fromUs").GetInt64(), Is.EqualTo(fromUs));
                Assert.That(same.RootElement.GetProperty("toUs").GetInt64(), Is.EqualTo(toUs));
                Assert.That(same.RootElement.GetProperty("trades").GetInt64(), Is.EqualTo(steps.Count(s => s.Tick.ExchangeTimeUs >= fromUs)));
                Assert.That(same.RootElement.GetProperty("divergent").GetBoolean(), Is.False, same.RootElement.ToString());
                Assert.That(books, Has.Count.GreaterThanOrEqualTo(3));
                Assert.That(books.Sum(b => b.GetProperty("liveFills").GetInt32()), Is.GreaterThan(5));
                Assert.That(books.Select(b => b.GetProperty("replayFills").GetInt32()), Is.EqualTo(books.Select(b => b.GetProperty("liveFills").GetInt32())));
                Assert.That(books.Select(b => b.GetProperty("pnlDifference").GetDecimal()), Is.All.EqualTo(0m));
                Assert.That(books.Select(b => b.GetProperty("slippageDifference").GetDecimal()), Is.All.EqualTo(0m));
                Assert.That(books.Select(b => b.GetProperty("book").GetString()), Has.Member(GridBook));
                Assert.That(liveGridFills.Count(f => f.Maker), Is.GreaterThan(3), "the grid's limits fill in the window");
                Assert.That(liveGridFills.Where(f => OrderBarOpenUs(f) >= fromUs), Is.Not.Empty, "orders the grid placed in the window fill there: only a replay that runs it has them");
            });

            // A fill the replay cannot explain: a copy of a trend fill in the window, 10 higher.
            var fills = await PaperSession.ReadAsync<Fill>(bus, Streams.Fills.Name, cancellationToken);
            var planted = fills.Last(f => f.Strategy == "trend" && f.TimeUs >= fromUs).Clone();
            planted.FillId = "planted:fill:1";
            planted.Price = DecimalValue.FromDecimal(planted.Price.ToDecimal() + 10m);
            planted.BookSequence = 1_000_000;
            await bus.PublishAsync(new BusEnvelope(Subjects.Fill(planted.Strategy, planted.Symbol), planted.ToByteArray(), planted.FillId, Fill.Descriptor.FullName), cancellationToken);
            using var different = await ReplayAsync(http, cancellationToken);
            var trend = different.RootElement.GetProperty("books").EnumerateArray().Single(b => b.GetProperty("book").GetString() == "trend:binance:BTC-USDT");
            var before = books.Single(b => b.GetProperty("book").GetString() == "trend:binance:BTC-USDT");
            var quantity = planted.Quantity.ToDecimal();
            var signed = planted.Side == Side.Buy ? quantity : -quantity;
            var mark = (decimal)(double)steps[^1].Tick.Price.ToDecimal();
            var expectedPnl = (signed * (mark - planted.Price.ToDecimal())) - planted.Fee.ToDecimal();
            Assert.Multiple(() =>
            {
                Assert.That(different.RootElement.GetProperty("divergent").GetBoolean(), Is.True);
                Assert.That(trend.GetProperty("liveFills").GetInt32(), Is.EqualTo(before.GetProperty("liveFills").GetInt32() + 1));
                Assert.That(trend.GetProperty("replayFills").GetInt32(), Is.EqualTo(before.GetProperty("replayFills").GetInt32()));
                Assert.That(trend.GetProperty("onlyLive").EnumerateArray().Select(e => e.GetString()), Has.One.StartsWith("planted:fill:1"));
                Assert.That(trend.GetProperty("onlyReplay").GetArrayLength(), Is.Zero);
                Assert.That(trend.GetProperty("pnlDifference").GetDecimal(), Is.EqualTo(expectedPnl), "the planted fill's own PnL at the last price");
                Assert.That(different.RootElement.GetProperty("books").EnumerateArray().Where(b => b.GetProperty("book").GetString() != "trend:binance:BTC-USDT")
                    .Select(b => b.GetProperty("onlyLive").GetArrayLength() + b.GetProperty("onlyReplay").GetArrayLength()), Is.All.Zero);
            });
        }
        finally
        {
            File.Delete(planPath);
        }
    }

    /// <summary>The bar whose close placed a grid order: its id is <c>{strategy}:{exchange}:{symbol}:{barOpenUs}:order:{i}</c>.</summary>
    private static long OrderBarOpenUs(Fill fill) =>
        long.Parse(fill.OrderId.Split(':')[3], CultureInfo.InvariantCulture);

    private static async Task<JsonDocument> ReplayAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("api/paper/replay", UriKind.Relative),
            new StringContent("""{"hours":1}""", Encoding.UTF8, "application/json"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body);
    }

    private static string Insert(IEnumerable<Tick> ticks) =>
        "INSERT INTO ticks (exchange, symbol, trade_id, price, quantity, side, exchange_time_us, receive_time_us, time, inserted_us) VALUES "
        + string.Join(", ", ticks.Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"('{t.Exchange}', '{t.Symbol}', '{t.TradeId}', toDecimal128('{t.Price.ToDecimal()}', 18), toDecimal128('{t.Quantity.ToDecimal()}', 18), 1, {t.ExchangeTimeUs}, {t.ReceiveTimeUs}, toDateTime({t.ExchangeTimeUs / 1_000_000}), {t.ReceiveTimeUs + 1000})")));
}
