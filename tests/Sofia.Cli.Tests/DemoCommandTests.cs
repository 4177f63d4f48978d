using System.Text.Json;
using AngleSharp.Html.Parser;
using Sofia.Testing;

namespace Sofia.Cli.Tests;

[TestFixture]
public sealed class DemoCommandTests
{
    private static readonly string[] PlanStrategies = ["trend", "donchian", "supertrend", "bollinger_revert", "rsi_revert"];

    private static readonly string[] ServicesRun = ["ingestor", "tick-writer", "signal-hub", "paper-oms", "optimizer"];

    private string _out = null!;

    [SetUp]
    public void CreateFolder() => _out = Directory.CreateTempSubdirectory("sofia-demo-test-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_out, recursive: true);

    [TestCase("--duration", "0", "--duration")]
    [TestCase("--duration", "abc", "--duration")]
    [TestCase("--speed", "0.5", "--speed")]
    [TestCase("--tps", "0", "--tps")]
    [TestCase("--symbols", "BTCXYZ", "--symbols")]
    [TestCase("--exchanges", "kraken", "--exchanges")]
    [TestCase("--nats", "http://127.0.0.1:4222", "--nats")]
    [TestCase("--clickhouse", "nats://127.0.0.1:8123", "--clickhouse")]
    [TestCase("--clickhouse", "not a url", "--clickhouse")]
    public async Task A_bad_value_exits_with_code_2_naming_the_option(string option, string value, string named)
    {
        var (code, _, stderr) = await CliRun.RunAsync("demo", option, value, "--out", _out);

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain(named));
    }

    [Test]
    public async Task An_unreachable_nats_server_exits_with_code_3_naming_it()
    {
        var (code, _, stderr) = await CliRun.RunAsync("demo", "--nats", "nats://127.0.0.1:1", "--duration", "5", "--out", _out);

        Assert.That(code, Is.EqualTo(3), stderr);
        Assert.That(stderr, Does.Contain("nats://127.0.0.1:1"));
    }

    [Test]
    [Category("Slow")]
    public async Task A_short_demo_trades_every_strategy_and_its_report_agrees_with_the_paper_oms()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("demo", "--duration", "20", "--out", _out, "--seed", "7");

        Assert.That(code, Is.Zero, stdout + stderr);
        var report = Path.Combine(_out, "report.html");
        Assert.That(stdout, Does.Contain("report: " + report));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "summary.json")));
        var root = summary.RootElement;
        Assert.That(root.GetProperty("drained").GetBoolean(), Is.True, "every consumer caught up before the results were read");
        Assert.That(root.GetProperty("ticks").GetInt64(), Is.GreaterThan(1_000), "150 trades/s for 20 s");
        // 20 s at 1440x is 8 hours of exchange time: about 480 one-minute bars per market, two markets.
        Assert.That(root.GetProperty("bars").GetInt64(), Is.GreaterThan(400));
        Assert.That(root.GetProperty("candles_stored").GetInt64(), Is.GreaterThan(400), "the tick writer stored the minutes in the embedded store");
        var services = root.GetProperty("services").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.That(services, Is.EquivalentTo(ServicesRun));
        var first = root.GetProperty("first_tick_time_us").GetInt64();
        var last = root.GetProperty("last_tick_time_us").GetInt64();
        Assert.That(TimeSpan.FromMicroseconds(last - first), Is.GreaterThan(TimeSpan.FromHours(5)), "exchange time runs about 1440 times faster");

        var strategies = root.GetProperty("strategies").EnumerateArray().ToDictionary(s => s.GetProperty("strategy").GetString()!);
        Assert.That(strategies.Keys, Is.SupersetOf(PlanStrategies));
        var html = await new HtmlParser().ParseDocumentAsync(await File.ReadAllTextAsync(report));
        foreach (var (name, s) in strategies)
        {
            Assert.That(s.GetProperty("bus_fills").GetInt64(), Is.EqualTo(s.GetProperty("oms_fills").GetInt64()), $"{name}: fills on the bus = fills in the OMS ledgers");
            Assert.That(s.GetProperty("report_equity").GetDecimal(), Is.EqualTo(s.GetProperty("oms_equity").GetDecimal()), $"{name}: the report ends at the OMS's equity");
            var row = html.QuerySelector($"tr[data-strategy='{name}']");
            Assert.That(row, Is.Not.Null, $"{name} is in the report");
            Assert.That(decimal.Parse(row!.GetAttribute("data-final-equity")!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(s.GetProperty("oms_equity").GetDecimal()));
            Assert.That(html.QuerySelector($"#strategy-{name} svg polyline"), Is.Not.Null, $"{name} has an equity curve");
        }

        Assert.That(strategies.Values.Sum(s => s.GetProperty("signals").GetInt64()), Is.GreaterThan(0));
        Assert.That(strategies.Values.Sum(s => s.GetProperty("bus_fills").GetInt64()), Is.GreaterThan(0));
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(300_000)]
    public async Task On_real_nats_and_clickhouse_every_tick_counted_on_the_bus_is_stored_once_and_fills_agree(CancellationToken cancellationToken)
    {
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var clickhouse = await ClickHouseServer.StartNewAsync(cancellationToken);

        var (code, stdout, stderr) = await CliRun.RunAsync(
            "demo", "--duration", "15", "--out", _out, "--seed", "11", "--nats", nats.Url, "--clickhouse", clickhouse.HttpUrl.ToString());

        Assert.That(code, Is.Zero, stdout + stderr);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "summary.json"), cancellationToken));
        var root = summary.RootElement;
        Assert.That(root.GetProperty("drained").GetBoolean(), Is.True);
        var ticks = root.GetProperty("ticks").GetInt64();
        Assert.That(ticks, Is.GreaterThan(500));
        var stored = await clickhouse.ExecuteAsync(
            "SELECT count() FROM (SELECT exchange, symbol, trade_id FROM sofia.ticks GROUP BY exchange, symbol, trade_id)", cancellationToken);
        Assert.That(long.Parse(stored.Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(ticks), "ticks in ClickHouse = ticks on the bus");
        foreach (var s in root.GetProperty("strategies").EnumerateArray())
        {
            Assert.That(s.GetProperty("bus_fills").GetInt64(), Is.EqualTo(s.GetProperty("oms_fills").GetInt64()), s.GetProperty("strategy").GetString());
        }
    }
}
