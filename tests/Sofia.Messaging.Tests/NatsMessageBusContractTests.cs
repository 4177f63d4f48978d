using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.Messaging.Tests;

/// <summary>The contract on a real nats-server (one per fixture; every test has streams of its own).</summary>
[TestFixture]
[Category("Slow")]
public sealed class NatsMessageBusContractTests : MessageBusContractTests
{
    private NatsServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await NatsServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    protected override async ValueTask<IMessageBus> CreateBusAsync(CancellationToken cancellationToken)
    {
        var bus = new NatsMessageBus(new NatsClientOptions { Url = _server.Url, AckTimeoutSeconds = 2 });
        await bus.ConnectAsync(cancellationToken);
        return bus;
    }
}
