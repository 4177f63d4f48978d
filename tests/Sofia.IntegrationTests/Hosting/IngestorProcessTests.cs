using System.Net;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Hosting;

/// <summary>The ingestor as a real process: probes, metrics, SIGTERM, and a refused start on bad configuration.</summary>
[TestFixture]
public sealed class IngestorProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(90_000)]
    public async Task Ingestor_answers_probes_and_metrics_then_exits_zero_on_sigterm(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // Ready needs NATS; the exchange points at a closed local port so the test stays off the internet.
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        await using var ingestor = IngestorProcess.Start(new Dictionary<string, string>
        {
            ["SOFIA_HOSTING__SHUTDOWNTIMEOUTSECONDS"] = "5",
            ["SOFIA_NATS__URL"] = nats.Url,
            ["SOFIA_EXCHANGES"] = "binance",
            ["SOFIA_INGESTOR__ENDPOINTS__BINANCE__WEBSOCKET"] = "ws://127.0.0.1:9/stream",
        });

        Assert.That(await ingestor.WaitUntilLiveAsync(client, cancellationToken), Is.True, $"the ingestor exited before it was live:\n{ingestor.Output}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var ready = await client.GetAsync(new Uri(ingestor.BaseAddress, "health/ready"), cancellationToken);
        while (ready.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            // NATS connects and the streams are declared just after start.
            ready.Dispose();
            await Task.Delay(100, cancellationToken);
            ready = await client.GetAsync(new Uri(ingestor.BaseAddress, "health/ready"), cancellationToken);
        }

        using var readyResponse = ready;
        var readyBody = await ready.Content.ReadAsStringAsync(cancellationToken);
        using var metrics = await client.GetAsync(new Uri(ingestor.BaseAddress, "metrics"), cancellationToken);
        var metricsText = await metrics.Content.ReadAsStringAsync(cancellationToken);

        await ingestor.TerminateAsync(cancellationToken);
        var exitCode = await ingestor.WaitForExitAsync(ExitTimeout, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), readyBody);
            Assert.That(readyBody, Does.Contain("\"name\":\"lifetime\""));
            Assert.That(metrics.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
            Assert.That(metricsText, Does.Contain("\nsofia_ingestor_trades_total 0\n"));
            Assert.That(metricsText, Does.Contain("\nprocess_resident_memory_bytes "));
            Assert.That(exitCode, Is.EqualTo(0), $"exit code after SIGTERM (null: still running after {ExitTimeout}):\n{ingestor.Output}");
            Assert.That(ingestor.Output, Does.Contain("drains for up to 5 s"), "the SOFIA_ variable sets the shutdown timeout");
            Assert.That(ingestor.Output, Does.Contain("\"EventId\":1003"), "shutdown completed is logged");
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Ingestor_refuses_to_start_naming_the_key_when_an_exchange_is_unknown(CancellationToken cancellationToken)
    {
        await using var ingestor = IngestorProcess.Start(new Dictionary<string, string> { ["SOFIA_Ingestor__Exchanges__0"] = "nasdaq" });

        var exitCode = await ingestor.WaitForExitAsync(ExitTimeout, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Null.And.Not.Zero, $"the ingestor should have stopped on its own:\n{ingestor.Output}");
            Assert.That(exitCode, Is.EqualTo(78), "EX_CONFIG");
            Assert.That(ingestor.Output, Does.Contain("Ingestor:Exchanges:0: 'nasdaq' is not a known exchange"));
        });
    }
}
