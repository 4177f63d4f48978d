using System.Net.Http.Json;
using System.Text.Json;
using Sofia.Exchanges;

namespace Sofia.ExchangeSimulator.Tests;

public sealed class SimulatorProgramTests
{
    [Test]
    public void Options_are_parsed_into_server_and_market_options()
    {
        var ok = SimulatorProgram.TryParse(
            ["--port", "9443", "--seed", "9", "--symbols", "BTC-USD,SOL-USDT", "--tps", "2500", "--exchanges", "binance,okx", "--speed", "10"],
            out var options, out var speed, out _);

        Assert.That(ok, Is.True);
        Assert.That((options.Port, options.Market.Seed, options.Market.TradesPerSecond, speed), Is.EqualTo((9443, 9L, 2500.0, 10.0)));
        Assert.That(string.Join(",", options.Market.Symbols.Select(s => s.Symbol)), Is.EqualTo("BTC-USD,SOL-USDT"));
        Assert.That(string.Join(",", options.Exchanges), Is.EqualTo("binance,okx"));
    }

    [TestCase("--port", "x")]
    [TestCase("--tps", "-1")]
    [TestCase("--symbols", "btcusdt")]
    [TestCase("--exchanges", "kraken")]
    [TestCase("--bogus", "1")]
    public void Bad_options_are_refused(string name, string value) =>
        Assert.That(SimulatorProgram.TryParse([name, value], out _, out _, out _), Is.False);

    [Test]
    [CancelAfter(30_000)]
    public async Task Runs_until_cancelled_prints_its_addresses_and_obeys_control_endpoints(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = new StringWriter();
        var started = new TaskCompletionSource<ExchangeSimulatorServer>();
        var run = SimulatorProgram.RunAsync(["--tps", "0", "--exchanges", "bybit"], output, TextWriter.Null, started.SetResult, stop.Token);
        var server = await started.Task.WaitAsync(cancellationToken);
        var addresses = JsonSerializer.Deserialize<Dictionary<string, string>>(output.ToString())!;
        await using var client = await ExchangeClient.ConnectAsync(server, ExchangeNames.Bybit, ["BTC-USDT"], cancellationToken);
        await client.SubscribeAsync(cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(addresses["rest"]) };

        using var malformed = await http.PostAsync(new Uri("/_sim/malformed?count=1&exchange=bybit", UriKind.Relative), null, cancellationToken);
        var answer = await malformed.Content.ReadFromJsonAsync<Dictionary<string, int>>(cancellationToken);
        using var rate = await http.PostAsync(new Uri("/_sim/rate?tps=1234", UriKind.Relative), null, cancellationToken);
        using var unknown = await http.PostAsync(new Uri("/_sim/drop?exchange=kraken", UriKind.Relative), null, cancellationToken);

        Assert.That(addresses["bybit"], Is.EqualTo(server.WebSocketUri(ExchangeNames.Bybit).ToString()));
        Assert.That(answer!["connections"], Is.EqualTo(1));
        Assert.That((await client.NextAsync(cancellationToken)).Kind, Is.EqualTo(FrameKind.Malformed));
        Assert.That(server.TradesPerSecond, Is.EqualTo(1234));
        Assert.That((int)unknown.StatusCode, Is.EqualTo(400));
        await stop.CancelAsync();
        Assert.That(await run, Is.Zero);
    }
}
