using System.Diagnostics;

namespace Sofia.IntegrationTests.Nats;

/// <summary>Polling with a deadline, instead of a fixed wait for something to happen.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="deadline"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan deadline, CancellationToken cancellationToken) =>
        HoldsAsync(() => Task.FromResult(condition()), what, deadline, cancellationToken);

    /// <summary>Polls an asynchronous <paramref name="condition"/> (e.g. a server query) until it holds, as above.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Not within {deadline.TotalSeconds} s: {what}.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
