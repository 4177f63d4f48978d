namespace Sofia.Nats.Bench;

/// <summary>
/// End-to-end figures of the Sofia NATS client against a running nats-server:
/// <c>Sofia.Nats.Bench nats://127.0.0.1:PORT</c>. One JSON object per figure on stdout, logs on stderr.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: Sofia.Nats.Bench nats://HOST:PORT");
            return 2;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await new NatsBenchmarks(args[0], Console.Out, Console.Error).RunAsync(timeout.Token);
        return 0;
    }
}
