using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sofia.Nats;

namespace Sofia.Messaging.Internal;

/// <summary>Connects the bus at start without holding the host up: while NATS is down it retries with backoff.</summary>
internal sealed class MessageBusConnector(
    NatsMessageBus bus,
    IOptions<NatsClientOptions> options,
    TimeProvider time,
    ILogger<MessageBusConnector> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await bus.ConnectAsync(stoppingToken);
                return;
            }
            catch (NatsException ex) when (!stoppingToken.IsCancellationRequested)
            {
                MessagingLog.ConnectFailed(logger, options.Value.Url, delay.TotalMilliseconds, ex);
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
