using Sofia.Messaging;

namespace Sofia.Cli.Demo;

/// <summary>Waits for durable consumers to catch up: nothing pending, nothing awaiting an ack.</summary>
internal static class DemoDrain
{
    public static async Task<bool> UntilCaughtUpAsync(
        IMessageBus bus, IReadOnlyList<(string Stream, string Durable)> consumers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var caughtUp = true;
            foreach (var (stream, durable) in consumers)
            {
                try
                {
                    var state = await bus.GetConsumerStateAsync(stream, durable, cancellationToken);
                    caughtUp &= state.Pending == 0 && state.AckPending == 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A consumer that was never created (in process: InvalidOperationException; NATS: a 404 API
                    // error) has nothing to catch up on.
                }
            }

            if (caughtUp)
            {
                return true;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
