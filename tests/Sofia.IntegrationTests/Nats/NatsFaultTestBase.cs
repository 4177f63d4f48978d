namespace Sofia.IntegrationTests.Nats;

/// <summary>For tests that kill, freeze or restart the shared server: each test starts with it running.</summary>
public abstract class NatsFaultTestBase : NatsServerTestBase
{
    [TearDown]
    public async Task EnsureServerRunsAsync()
    {
        if (!Server.IsRunning)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Server.StartAsync(timeout.Token);
        }
    }

    /// <summary>Sends a signal (STOP, CONT, ...) to a process, here the server to freeze or thaw it.</summary>
    protected static void Signal(string signal, int pid) => ProcessSignal.Send(signal, pid);
}
