using System.Text.Json;
using AngleSharp.Html.Parser;
using Sofia.Testing;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Tests;

public sealed class BacktestCommandTests
{
    private static string Btc => ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv");

    private static string Eth => ReferenceData.File("binance-klines-1m/ETH_USDT-1m_2023-03-16_2023-05-01.csv");

    [Test]
    public async Task Json_prints_only_the_metrics_and_they_match_the_engine()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("backtest", "--data", Btc, "--strategy", "trend", "--param", "fast=20", "--param", "slow=60", "--fee-bps", "10", "--json");

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var expected = Backtester.Run(new TrendStrategy(20, 60), BarFileReader.ReadAll(Btc), new BacktestOptions { FeeBps = 10m });
        Assert.That(json.RootElement.GetProperty("final_equity").GetDecimal(), Is.EqualTo(expected.FinalEquity));
        Assert.That(json.RootElement.GetProperty("trades").GetProperty("count").GetInt32(), Is.EqualTo(expected.Trades.Count));
        Assert.That(json.RootElement.GetProperty("periods_per_year").GetDouble(), Is.EqualTo(525_600));
        Assert.That(json.RootElement.GetProperty("sharpe").GetDouble(), Is.EqualTo(expected.Summary.Sharpe).Within(1e-9));
        Assert.That(json.RootElement.GetProperty("symbols")[0].GetString(), Is.EqualTo("BTC-USDT"));
    }

    [Test]
    public async Task Default_output_is_a_summary_table()
    {
        var (code, stdout, _) = await CliRun.RunAsync("backtest", "--data", Btc, "--strategy", "rsi_revert", "--mode", "long-short");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("Sharpe").And.Contain("max drawdown").And.Contain("long-short"));
    }

    [Test]
    public async Task Streaming_gives_the_same_result_as_loading()
    {
        var loaded = await CliRun.RunAsync("backtest", "--data", Btc, "--strategy", "supertrend", "--json");
        var streamed = await CliRun.RunAsync("backtest", "--data", Btc, "--strategy", "supertrend", "--json", "--stream");

        Assert.That(streamed.Code, Is.Zero, streamed.Error);
        Assert.That(streamed.Out, Is.EqualTo(loaded.Out));
    }

    [Test]
    public async Task Pairs_takes_two_files_and_aligns_them()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("backtest", "--data", Btc, "--data", Eth, "--strategy", "pairs", "--mode", "long-short", "--param", "lookback=600", "--json");

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.That(json.RootElement.GetProperty("symbols").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Report_is_valid_html_with_equity_and_drawdown_svg_charts_and_the_trade_list()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sofia-report-{Guid.NewGuid():N}.html");
        try
        {
            var (code, stdout, stderr) = await CliRun.RunAsync("backtest", "--data", Btc, "--strategy", "trend", "--report", path, "--json");

            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout.TrimStart(), Does.StartWith("{"), "--json keeps stdout for the metrics");
            var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = true });
            using var document = parser.ParseDocument(await File.ReadAllTextAsync(path));
            Assert.That(document.Title, Does.Contain("trend"));
            var charts = document.QuerySelectorAll("div.chart svg");
            Assert.That(charts, Has.Length.EqualTo(2));
            foreach (var chart in charts)
            {
                Assert.That(chart.QuerySelector("polyline")?.GetAttribute("points")?.Split(' ').Length, Is.GreaterThan(100));
            }

            using var json = JsonDocument.Parse(stdout);
            var tradeRows = document.QuerySelectorAll("table.trades tr").Length - 1;
            Assert.That(tradeRows, Is.EqualTo(json.RootElement.GetProperty("trades").GetProperty("count").GetInt32()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("--strategy", "nope", "Unknown strategy 'nope'")]
    [TestCase("--param", "speed=3", "Unknown parameter 'speed'")]
    [TestCase("--param", "fast=999", "Parameter 'fast': 999 is outside [2, 500]")]
    [TestCase("--param", "fast=abc", "'abc' is not a number")]
    [TestCase("--param", "fast", "is not name=value")]
    [TestCase("--param", "fast=70", "must be smaller than 'slow'")]
    [TestCase("--mode", "sideways", "sideways")]
    public async Task Bad_input_names_the_problem_and_exits_with_2(string option, string value, string message)
    {
        string[] args = option == "--strategy"
            ? ["backtest", "--data", Btc, option, value]
            : ["backtest", "--data", Btc, "--strategy", "trend", option, value];

        var (code, stdout, stderr) = await CliRun.RunAsync(args);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task A_missing_file_exits_with_2()
    {
        var (code, _, stderr) = await CliRun.RunAsync("backtest", "--data", "/no/such/file.csv", "--strategy", "trend");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("'/no/such/file.csv' does not exist"));
    }

    [Test]
    public async Task Unsorted_data_fails_the_strict_sanity_check_with_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sofia-bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "open_time_ms,open,high,low,close,volume\n120000,10,11,9,10,1\n60000,10,11,9,10,1\n180000,10,11,9,10,1\n");
        try
        {
            var (code, _, stderr) = await CliRun.RunAsync("backtest", "--data", path, "--strategy", "trend");

            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain("Row 2 breaks rule UnsortedTimestamp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_bar_with_a_negative_price_fails_with_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sofia-bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "open_time_ms,open,high,low,close,volume\n60000,10,11,9,10,1\n120000,10,11,-9,10,1\n");
        try
        {
            var (code, _, stderr) = await CliRun.RunAsync("backtest", "--data", path, "--strategy", "trend");

            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain("NonPositivePrice"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Pairs_with_one_file_exits_with_2()
    {
        var (code, _, stderr) = await CliRun.RunAsync("backtest", "--data", Btc, "--strategy", "pairs");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("needs 2 --data file(s)"));
    }
}
