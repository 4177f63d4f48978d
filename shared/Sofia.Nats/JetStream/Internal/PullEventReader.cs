namespace Sofia.Nats.JetStream.Internal;

/// <summary>Reads pull events with a timeout, reusing one timer while reads succeed.</summary>
internal sealed class PullEventReader(PullSubscription pull, CancellationToken cancellationToken) : IDisposable
{
    private CancellationTokenSource? _timer;

    /// <summary>The next event, or null when none arrived within <paramref name="timeout"/>.</summary>
    public async ValueTask<PullEvent?> ReadAsync(TimeSpan timeout)
    {
        if (pull.Events.TryRead(out var ready))
        {
            return ready;
        }

        _timer ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer.CancelAfter(timeout);
        try
        {
            var next = await pull.Events.ReadAsync(_timer.Token);
            if (!_timer.TryReset())
            {
                Replace();
            }

            return next;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Replace();
            return null;
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Replace()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
