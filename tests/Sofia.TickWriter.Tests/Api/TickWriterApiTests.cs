using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sofia.ClickHouse;
using Sofia.MarketData;

namespace Sofia.TickWriter.Tests.Api;

/// <summary>The HTTP API in memory: a bad parameter is a 400 ProblemDetails naming it, before any query runs.</summary>
[TestFixture]
public sealed class TickWriterApiTests
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        // Nothing listens here: these requests must be refused before storage is asked.
        builder.Services.AddSingleton(new ClickHouseClient(new ClickHouseClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/") }));
        builder.Services.AddSingleton<IMarketStore>(sp => new ClickHouseMarketStore(sp.GetRequiredService<ClickHouseClient>()));
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapTickWriter();
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/api/candles?symbol=BTC-USDT&interval=1m&from=0&to=60000", "exchange")]
    [TestCase("/api/candles?exchange=binance&interval=1m&from=0&to=60000", "symbol")]
    [TestCase("/api/candles?exchange=binance&symbol=BTC-USDT&interval=7m&from=0&to=60000", "interval")]
    [TestCase("/api/candles?exchange=binance&symbol=BTC-USDT&interval=1m&from=noon&to=60000", "from")]
    [TestCase("/api/candles?exchange=binance&symbol=BTC-USDT&interval=1m&from=0", "to")]
    [TestCase("/api/candles?exchange=binance&symbol=BTC-USDT&interval=1m&from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z", "to")]
    [TestCase("/api/price/NOTASYMBOL", "symbol")]
    [CancelAfter(30_000)]
    public async Task A_bad_parameter_gets_a_400_problem_naming_it(string url, string parameter, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(root.GetProperty("status").GetInt32(), Is.EqualTo(400));
            Assert.That(root.GetProperty("errors").TryGetProperty(parameter, out _), Is.True, body);
            Assert.That(root.GetProperty("detail").GetString(), Does.StartWith(parameter + ":"));
            Assert.That(root.GetProperty("title").GetString(), Does.Contain(parameter));
        });
    }

    [TestCase("/api/candles?exchange=binance&symbol=BTC-USDT&interval=1m&from=0&to=60000")]
    [TestCase("/api/price/BTC-USDT")]
    [TestCase("/api/symbols")]
    [CancelAfter(30_000)]
    public async Task Unreachable_storage_is_a_503_problem(string url, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }
}
