using Sofia.Messaging;

namespace Sofia.Messaging.Tests;

/// <summary>The contract on the in-process bus (a bus of its own per test, on the system clock).</summary>
[TestFixture]
public sealed class InProcessMessageBusContractTests : MessageBusContractTests
{
    protected override ValueTask<IMessageBus> CreateBusAsync(CancellationToken cancellationToken) =>
        new(new InProcessMessageBus());
}
