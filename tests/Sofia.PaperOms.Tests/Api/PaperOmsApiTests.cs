using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sofia.Hosting;
using Sofia.Messaging;
using Sofia.PaperOms.Api;
using Sofia.PaperOms.Workers;

namespace Sofia.PaperOms.Tests.Api;

[TestFixture]
public sealed class PaperOmsApiTests
{
    private const string Key = "0123456789abcdef-test-key";
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["PaperOms:ApiKey"] = Key;
        builder.Configuration["PaperOms:RequestsPerMinute"] = "1000";
        builder.AddSofiaDefaults();
        builder.Services.AddPaperOms();
        // These tests stop at the key and input checks: no worker, and a bus no request reaches.
        foreach (var worker in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType == typeof(PaperOmsWorker) || d.ImplementationType == typeof(PaperSnapshotWorker))).ToList())
        {
            builder.Services.Remove(worker);
        }

        builder.Services.AddSingleton<IMessageBus>(_ => throw new InvalidOperationException("no bus in API input tests"));
        _app = builder.Build();
        _app.MapSofiaEndpoints();
        _app.MapPaperOms();
        await _app.StartAsync(timeout.Token);
        _client = _app.GetTestClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/api/paper/kill-switch", "{\"enabled\":true}")]
    [TestCase("/api/paper/settings/trading_mode", "{\"mode\":\"off\"}")]
    [TestCase("/api/paper/replay", "{\"hours\":24}")]
    public async Task Mutating_endpoint_answers_401_without_a_key_or_with_a_wrong_one(string path, string body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var none = await _client.PostAsync(path, Json(body), timeout.Token);
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        wrongRequest.Headers.Add(ApiKeyFilter.HeaderName, "not-the-key");
        using var wrong = await _client.SendAsync(wrongRequest, timeout.Token);
        Assert.Multiple(() =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [TestCase("/api/paper/kill-switch", "{\"enabled\":\"yes\"}", "enabled")]
    [TestCase("/api/paper/kill-switch", "{}", "enabled")]
    [TestCase("/api/paper/settings/trading_mode", "{\"mode\":\"live\"}", "mode")]
    [TestCase("/api/paper/replay", "{\"hours\":0}", "hours")]
    [TestCase("/api/paper/replay", "{\"hours\":169}", "hours")]
    [TestCase("/api/paper/replay", "{\"hours\":", "body")]
    [TestCase("/api/paper/settings/trading_mode", "[1]", "body")]
    public async Task Mutating_endpoint_answers_400_naming_the_bad_field(string path, string body, string field)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await Authorized(path, body, timeout.Token);
        var problem = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem, Does.Contain($"\"{field}\""));
        });
    }

    [Test]
    public async Task Trading_mode_off_shows_in_the_state()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await Authorized("/api/paper/settings/trading_mode", "{\"mode\":\"off\"}", timeout.Token);
        var state = await _client.GetFromJsonAsync<Dictionary<string, object>>("/api/paper/state", timeout.Token);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(state!["mode"].ToString(), Is.EqualTo("off"));
        });
    }

    [Test]
    public async Task Replay_without_market_history_answers_409_naming_the_missing_section()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await Authorized("/api/paper/replay", "{\"hours\":2}", timeout.Token);
        var problem = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem, Does.Contain("ClickHouse:Url"));
        });
    }

    [Test]
    public async Task History_limit_out_of_range_answers_400()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var bad = await _client.GetAsync("/trade/history?limit=0", timeout.Token);
        using var good = await _client.GetAsync("/trade/history?limit=5", timeout.Token);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> Authorized(string path, string body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add(ApiKeyFilter.HeaderName, Key);
        return _client.SendAsync(request, cancellationToken);
    }
}
