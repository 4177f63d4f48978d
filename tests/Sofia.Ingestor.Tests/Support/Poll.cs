namespace Sofia.Ingestor.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (no sleeps in tests).</summary>
internal static class Poll
{
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return await condition();
    }

    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, cancellationToken);
}
