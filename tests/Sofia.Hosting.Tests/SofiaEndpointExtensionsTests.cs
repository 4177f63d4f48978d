using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Sofia.Hosting.Tests;

[TestFixture]
public sealed class SofiaEndpointExtensionsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Live_answers_200_even_when_a_readiness_check_fails(CancellationToken cancellationToken)
    {
        var builder = TestHosts.CreateBuilder();
        builder.Services.AddHealthChecks().AddCheck("nats", () => HealthCheckResult.Unhealthy("no server"), [SofiaHealthTags.Ready]);
        await using var app = await TestHosts.StartAsync(builder, cancellationToken);

        using var response = await app.GetTestClient().GetAsync(new Uri(SofiaEndpointExtensions.LivePath, UriKind.Relative), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Ready_answers_200_with_json_listing_each_check_with_name_status_and_duration(CancellationToken cancellationToken)
    {
        var builder = TestHosts.CreateBuilder();
        builder.Services.AddHealthChecks().AddCheck("clickhouse", () => HealthCheckResult.Healthy("answers"), [SofiaHealthTags.Ready]);
        await using var app = await TestHosts.StartAsync(builder, cancellationToken);

        var (status, contentType, json) = await GetJsonAsync(app.GetTestClient(), SofiaEndpointExtensions.ReadyPath, cancellationToken);

        using (json)
        {
            var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(contentType, Is.EqualTo("application/json; charset=utf-8"));
                Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
                Assert.That(checks.Select(c => c.GetProperty("name").GetString()), Is.EqualTo((string[])["clickhouse", "lifetime"]));
                Assert.That(checks.Select(c => c.GetProperty("status").GetString()), Is.All.EqualTo("Healthy"));
                Assert.That(checks.Select(c => c.GetProperty("durationMs").GetDouble()), Is.All.GreaterThanOrEqualTo(0));
                Assert.That(checks[0].GetProperty("description").GetString(), Is.EqualTo("answers"));
            });
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Ready_answers_503_when_any_readiness_check_fails(CancellationToken cancellationToken)
    {
        var builder = TestHosts.CreateBuilder();
        builder.Services.AddHealthChecks()
            .AddCheck("clickhouse", () => HealthCheckResult.Healthy(), [SofiaHealthTags.Ready])
            .AddCheck("nats", () => HealthCheckResult.Unhealthy("connection refused"), [SofiaHealthTags.Ready]);
        await using var app = await TestHosts.StartAsync(builder, cancellationToken);

        var (status, _, json) = await GetJsonAsync(app.GetTestClient(), SofiaEndpointExtensions.ReadyPath, cancellationToken);

        using (json)
        {
            var nats = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "nats");
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
                Assert.That(nats.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
                Assert.That(nats.GetProperty("description").GetString(), Is.EqualTo("connection refused"));
            });
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Ready_answers_503_once_shutdown_starts(CancellationToken cancellationToken)
    {
        await using var app = await TestHosts.StartAsync(TestHosts.CreateBuilder(), cancellationToken);
        var client = app.GetTestClient();

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var (status, _, json) = await GetJsonAsync(client, SofiaEndpointExtensions.ReadyPath, cancellationToken);

        using (json)
        {
            var lifetime = json.RootElement.GetProperty("checks")[0];
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(lifetime.GetProperty("name").GetString(), Is.EqualTo("lifetime"));
                Assert.That(lifetime.GetProperty("description").GetString(), Is.EqualTo("shutting down"));
            });
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Metrics_endpoint_serves_text_format_0_0_4_with_process_and_runtime_gauges(CancellationToken cancellationToken)
    {
        await using var app = await TestHosts.StartAsync(TestHosts.CreateBuilder(), cancellationToken);

        using var response = await app.GetTestClient().GetAsync(new Uri(SofiaEndpointExtensions.MetricsPath, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
            Assert.That(text, Does.Contain("# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes "));
            Assert.That(text, Does.Contain("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total "));
            Assert.That(text, Does.Contain("# TYPE process_threads gauge\nprocess_threads "));
            Assert.That(text, Does.Contain("# TYPE dotnet_gc_heap_size_bytes gauge\ndotnet_gc_heap_size_bytes "));
            Assert.That(text, Does.Contain("# TYPE dotnet_thread_pool_queue_length gauge\ndotnet_thread_pool_queue_length "));
            Assert.That(text, Does.Contain("dotnet_gc_collections_total{generation=\"gen0\"} "));
            Assert.That(text, Does.Contain("dotnet_gc_collections_total{generation=\"gen2\"} "));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Metrics_endpoint_exports_sofia_meters_of_its_own_host_only(CancellationToken cancellationToken)
    {
        await using var app = await TestHosts.StartAsync(TestHosts.CreateBuilder(), cancellationToken);
        await using var other = await TestHosts.StartAsync(TestHosts.CreateBuilder(), cancellationToken);
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        meterFactory.Create("Sofia.Tests.Endpoint").CreateCounter<long>("sofia.tests.endpoint.hits", null, "Hits.").Add(3);
        meterFactory.Create("Acme.Library").CreateCounter<long>("acme.library.calls", null, "Calls.").Add(1);
        other.Services.GetRequiredService<IMeterFactory>().Create("Sofia.Tests.Other").CreateCounter<long>("sofia.tests.other.hits", null, "Hits.").Add(1);

        var text = await app.GetTestClient().GetStringAsync(new Uri(SofiaEndpointExtensions.MetricsPath, UriKind.Relative), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("sofia_tests_endpoint_hits_total 3\n"));
            Assert.That(text, Does.Not.Contain("acme_library_calls"));
            Assert.That(text, Does.Not.Contain("sofia_tests_other_hits"));
        });
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, JsonDocument Json)> GetJsonAsync(
        HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), JsonDocument.Parse(body));
    }
}
