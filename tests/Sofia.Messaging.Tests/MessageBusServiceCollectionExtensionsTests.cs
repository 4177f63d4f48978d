using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Sofia.Messaging;

namespace Sofia.Messaging.Tests;

[TestFixture]
public sealed class MessageBusServiceCollectionExtensionsTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task A_service_whose_NATS_is_down_starts_and_reports_not_ready(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Nats:Url"] = $"nats://127.0.0.1:{ClosedPort()}" })
            .Build());
        services.AddSofiaMessageBus();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();

        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken);
        }

        var bus = provider.GetRequiredService<IMessageBus>();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
        foreach (var service in hosted)
        {
            await service.StopAsync(cancellationToken);
        }

        Assert.Multiple(() =>
        {
            Assert.That(bus, Is.InstanceOf<NatsMessageBus>());
            Assert.That(bus.IsConnected, Is.False);
            Assert.That(report.Entries["message-bus"].Status, Is.EqualTo(HealthStatus.Unhealthy));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_given_bus_is_the_one_services_receive_and_it_reports_ready(CancellationToken cancellationToken)
    {
        await using var bus = new InProcessMessageBus();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSofiaMessageBus(bus);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IMessageBus>(), Is.SameAs(bus));
            Assert.That(report.Entries["message-bus"].Status, Is.EqualTo(HealthStatus.Healthy));
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
