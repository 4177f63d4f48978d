namespace Sofia.Testing.Internal;

/// <summary>What <see cref="ServerHost"/> needs to know about one kind of server.</summary>
/// <param name="Name">The server's name in messages, e.g. <c>nats-server</c>.</param>
/// <param name="Binary">The resolved binary.</param>
/// <param name="StartTimeout">How long a start may take.</param>
/// <param name="StopTimeout">How long a graceful stop may take before SIGKILL.</param>
/// <param name="Arguments">The command line, read on every start (ports may change before the first).</param>
/// <param name="ChoosePorts">Picks fresh ports; called before the first start and after a port-in-use failure.</param>
/// <param name="IsReadyAsync">One readiness probe; false (not an exception) while the server is not answering.</param>
/// <param name="DescribeLogs">The log tails of a run, for an exception message.</param>
internal sealed record ServerSpec(
    string Name,
    string Binary,
    TimeSpan StartTimeout,
    TimeSpan StopTimeout,
    Func<IReadOnlyList<string>> Arguments,
    Action ChoosePorts,
    Func<CancellationToken, Task<bool>> IsReadyAsync,
    Func<ServerRun, string> DescribeLogs);
