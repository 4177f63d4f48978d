using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sofia.Hosting;

namespace Sofia.Cli.Tests;

public sealed class StatusCommandTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Reports_ready_and_not_ready_services_with_the_failing_check(CancellationToken cancellationToken)
    {
        await using var ready = await StartServiceAsync(HealthCheckResult.Healthy(), cancellationToken);
        await using var stuck = await StartServiceAsync(HealthCheckResult.Unhealthy("NATS is disconnected"), cancellationToken);

        var (code, stdout, stderr) = await CliRun.RunAsync(
            "status", "--json", "--service", $"good={Address(ready)}", "--service", $"bad={Address(stuck)}", "--service", "gone=http://127.0.0.1:1/");

        Assert.That(code, Is.EqualTo(3), stderr);
        using var document = JsonDocument.Parse(stdout);
        var rows = document.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(rows["good"].GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(rows["bad"].GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(rows["bad"].GetProperty("detail").GetString(), Is.EqualTo("probe: NATS is disconnected"));
            Assert.That(rows["gone"].GetProperty("status").GetString(), Is.EqualTo("Unreachable"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Exits_zero_when_every_service_is_ready(CancellationToken cancellationToken)
    {
        await using var ready = await StartServiceAsync(HealthCheckResult.Healthy(), cancellationToken);

        var (code, stdout, _) = await CliRun.RunAsync("status", "--service", $"only={Address(ready)}");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("only").And.Contain("Healthy"));
    }

    [Test]
    public async Task A_malformed_service_argument_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRun.RunAsync("status", "--service", "no-url-here");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("name=http://host:port/"));
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    private static async Task<WebApplication> StartServiceAsync(HealthCheckResult result, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSofiaDefaults();
        builder.Services.AddHealthChecks().AddCheck("probe", () => result, tags: [SofiaHealthTags.Ready]);
        var app = builder.Build();
        app.MapSofiaEndpoints();
        await app.StartAsync(cancellationToken);
        return app;
    }
}
