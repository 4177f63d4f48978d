using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sofia.ClickHouse;
using Sofia.Testing;
using Sofia.Trading;

namespace Sofia.MarketData.Tests;

/// <summary>Exact reads of the real schema (infra/clickhouse) on a real clickhouse-server, duplicates included.</summary>
[TestFixture]
public sealed class ClickHouseMarketHistoryTests
{
    private const string Exchange = "binance";
    private const string Symbol = "BTC-USDT";
    private const long M0 = 1_700_000_040; // a whole minute, epoch seconds
    private const long M1 = M0 + 60;
    private const long M3 = M0 + 180;
    private const long Second = 1_000_000;

    // (trade id, exchange time µs, price, quantity, taker bought). Trades 9 and 10 share a microsecond: the schema
    // orders them by id length then id, so 10 (numerically later) is the minute's close.
    private static readonly (string Id, long TimeUs, decimal Price, decimal Quantity, bool Buy)[] Trades =
    [
        ("1", (M0 * Second) + 1_500_000, 100.5m, 2m, true),
        ("2", (M0 + 10) * Second, 102.25m, 1m, false),
        ("3", (M0 + 20) * Second, 99.75m, 0.5m, true),
        ("9", (M0 + 59) * Second, 100m, 1m, true),
        ("10", (M0 + 59) * Second, 101m, 3m, false),
        ("11", M1 * Second, 103m, 1m, true),
        ("12", (M1 + 30) * Second, 102m, 4m, false),
        ("13", (M3 + 5) * Second, 104m, 0.25m, true),
    ];

    private ClickHouseServer _server = null!;
    private ClickHouseClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await ClickHouseServer.StartNewAsync();
        _admin = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Minute_bars_are_exact_although_two_trades_were_stored_twice(CancellationToken cancellationToken)
    {
        using var client = await SeedAsync(cancellationToken);
        var history = new ClickHouseMarketHistory(client);

        var bars = await ToListAsync(history.ReadMinuteBarsAsync(Exchange, Symbol, M0 * Second, (M3 + 60) * Second, cancellationToken), cancellationToken);

        // By hand: minute 0 opens with trade 1, closes with trade 10; volume 2 + 1 + 0.5 + 1 + 3, each trade once.
        Assert.That(bars, Is.EqualTo(new[]
        {
            new Bar(M0 * Second, 100.5, 102.25, 99.75, 101, 7.5),
            new Bar(M1 * Second, 103, 103, 102, 102, 5),
            new Bar(M3 * Second, 104, 104, 104, 104, 0.25),
        }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Minute_bars_are_those_whose_open_time_lies_in_the_half_open_range(CancellationToken cancellationToken)
    {
        using var client = await SeedAsync(cancellationToken);
        var history = new ClickHouseMarketHistory(client);

        var bars = await ToListAsync(history.ReadMinuteBarsAsync(Exchange, Symbol, (M0 * Second) + 1, M3 * Second, cancellationToken), cancellationToken);
        var other = await ToListAsync(history.ReadMinuteBarsAsync("okx", Symbol, M0 * Second, (M3 + 60) * Second, cancellationToken), cancellationToken);

        Assert.That(bars.Select(b => b.OpenTimeUs), Is.EqualTo(new[] { M1 * Second }));
        Assert.That(other, Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Ticks_are_read_once_each_in_time_then_id_order_within_the_range(CancellationToken cancellationToken)
    {
        using var client = await SeedAsync(cancellationToken);
        var history = new ClickHouseMarketHistory(client);

        var all = await ToListAsync(history.ReadTicksAsync(Exchange, Symbol, 0, long.MaxValue, cancellationToken), cancellationToken);
        var window = await ToListAsync(history.ReadTicksAsync(Exchange, Symbol, (M0 + 10) * Second, (M1 + 30) * Second, cancellationToken), cancellationToken);

        Assert.That(all, Is.EqualTo(Trades.Select(t => new TradeTick(t.TimeUs, (double)t.Price, (double)t.Quantity, t.Buy))));
        Assert.That(window, Is.EqualTo(Trades.Where(t => t.Id is "2" or "3" or "9" or "10" or "11").Select(t => new TradeTick(t.TimeUs, (double)t.Price, (double)t.Quantity, t.Buy))));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Registration_binds_the_ClickHouse_section_and_reads_through_it(CancellationToken cancellationToken)
    {
        using var seeded = await SeedAsync(cancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClickHouse:Url"] = _server.HttpUrl.ToString(),
            ["ClickHouse:Database"] = seeded.Options.Database,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddClickHouseMarketHistory();
        await using var provider = services.BuildServiceProvider();

        var history = provider.GetRequiredService<IMarketHistory>();
        var bars = await ToListAsync(history.ReadMinuteBarsAsync(Exchange, Symbol, M3 * Second, (M3 + 60) * Second, cancellationToken), cancellationToken);

        Assert.That(bars, Has.Count.EqualTo(1));
        Assert.That(provider.GetRequiredService<IOptions<ClickHouseMarketStoreOptions>>().Value.Database, Is.EqualTo(seeded.Options.Database));
    }

    [Test]
    public void Registration_rejects_a_database_name_that_is_not_an_identifier()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ClickHouse:Database"] = "a-b" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddClickHouseMarketHistory();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<ClickHouseMarketStoreOptions>>().Value)!;

        Assert.That(error.Message, Does.Contain("ClickHouse:Database"));
    }

    /// <summary>A fresh database with the real schema, the trades, and trades 2 and 11 inserted a second time.</summary>
    private async Task<ClickHouseClient> SeedAsync(CancellationToken cancellationToken)
    {
        var database = TestNames.Unique("history");
        await new ClickHouseMigrator(_admin, database).ApplyAsync(Path.Combine(RepositoryPaths.Root, "infra", "clickhouse"), cancellationToken);
        var client = new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = _server.HttpUrl, Database = database });
        await client.ExecuteAsync(Insert(Trades), cancellationToken: cancellationToken);
        await client.ExecuteAsync(Insert(Trades.Where(t => t.Id is "2" or "11")), cancellationToken: cancellationToken);
        return client;
    }

    private static string Insert(IEnumerable<(string Id, long TimeUs, decimal Price, decimal Quantity, bool Buy)> trades) =>
        "INSERT INTO ticks (exchange, symbol, trade_id, price, quantity, side, exchange_time_us, receive_time_us, time, inserted_us) VALUES "
        + string.Join(", ", trades.Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"('{Exchange}', '{Symbol}', '{t.Id}', toDecimal128('{t.Price}', 18), toDecimal128('{t.Quantity}', 18), {(t.Buy ? 1 : 2)}, {t.TimeUs}, {t.TimeUs + 1000}, toDateTime({t.TimeUs / Second}), {t.TimeUs + 2000})")));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
