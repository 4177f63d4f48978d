using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Nats;

/// <summary>One nats-server per test class (from Sofia.Testing); tests use unique prefixes to share it.</summary>
public abstract class NatsServerTestBase
{
    protected NatsServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Server = await NatsServer.StartNewAsync(timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await Server.DisposeAsync();

    protected NatsOptions Options(NatsOptions? options = null) =>
        (options ?? new NatsOptions()) with { Servers = [Server.Url], Name = TestContext.CurrentContext.Test.Name };

    protected Task<NatsConnection> ConnectAsync(CancellationToken cancellationToken, NatsOptions? options = null) =>
        NatsConnection.ConnectAsync(Options(options), cancellationToken);

    protected static string Unique(string prefix = "t") => TestNames.Unique(prefix);

    /// <summary>Polls <paramref name="condition"/> until it holds or the token is cancelled.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
