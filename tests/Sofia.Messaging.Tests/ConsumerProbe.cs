using System.Threading.Channels;
using Sofia.Messaging;

namespace Sofia.Messaging.Tests;

/// <summary>
/// Runs a consumer in the background into a channel, so a test can wait for the next message with a deadline or
/// check that none arrives within a window.
/// </summary>
internal sealed class ConsumerProbe : IAsyncDisposable
{
    private readonly Channel<IBusMessage> _messages = Channel.CreateUnbounded<IBusMessage>();
    private readonly CancellationTokenSource _stop;
    private readonly Task _pump;

    public ConsumerProbe(IMessageBus bus, BusConsumerSpec spec, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _pump = PumpAsync(bus, spec, _stop.Token);
    }

    /// <summary>The next message; fails the test when none arrives within <paramref name="within"/>.</summary>
    public async Task<IBusMessage> NextAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            return await _messages.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (_pump.IsFaulted)
            {
                throw new InvalidOperationException("The consumer failed.", _pump.Exception);
            }

            throw new TimeoutException($"No message within {within}.");
        }
    }

    /// <summary>The next message if one arrives within <paramref name="window"/>, else null.</summary>
    public async Task<IBusMessage?> NextOrNullAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            return await NextAsync(window, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task PumpAsync(IMessageBus bus, BusConsumerSpec spec, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await foreach (var message in bus.ConsumeAsync(spec, cancellationToken))
        {
            await _messages.Writer.WriteAsync(message, cancellationToken);
        }
    }
}
