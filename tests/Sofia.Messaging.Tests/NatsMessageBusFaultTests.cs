using System.Collections.Concurrent;
using System.Globalization;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Testing;
using static Sofia.Messaging.Tests.BusTestKit;

namespace Sofia.Messaging.Tests;

/// <summary>NATS only: the bus across a nats-server that stops under it (the store directory survives).</summary>
[TestFixture]
[Category("Slow")]
public sealed class NatsMessageBusFaultTests
{
    private const int Batch = 200;

    private NatsServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await NatsServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [TearDown]
    public async Task EnsureServerRunsAsync()
    {
        if (!_server.IsRunning)
        {
            await _server.StartAsync();
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(120_000)]
    public async Task A_consumer_keeps_yielding_across_a_server_restart_and_every_message_is_acked(bool kill, CancellationToken cancellationToken)
    {
        await using var bus = new NatsMessageBus(new NatsClientOptions { Url = _server.Url, AckTimeoutSeconds = 2 });
        var stream = NewStream(storage: StreamStorage.File);
        await bus.EnsureStreamAsync(stream, cancellationToken);
        await PublishRangeAsync(bus, stream, 0, Batch, cancellationToken);
        var acked = new ConcurrentDictionary<string, int>();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "survivor", null) { AckWait = TimeSpan.FromSeconds(2), BatchSize = 16, MaxDeliver = -1 };
        var consumer = Task.Run(
            async () =>
            {
                await foreach (var message in bus.ConsumeAsync(spec, stop.Token))
                {
                    if (acked.Count == Batch / 2 && !restarted.Task.IsCompleted)
                    {
                        // Mid-consume: this message (and the rest of the pull) stays unacked across the restart.
                        held.TrySetResult();
                        await restarted.Task.WaitAsync(stop.Token);
                    }

                    await message.AckAsync(stop.Token);
                    acked.AddOrUpdate(message.Text(), 1, (_, n) => n + 1);
                }
            },
            stop.Token);

        await held.Task.WaitAsync(cancellationToken);
        if (kill)
        {
            await _server.KillAsync(cancellationToken);
            await _server.StartAsync(cancellationToken);
        }
        else
        {
            await _server.RestartAsync(cancellationToken);
        }

        restarted.SetResult();

        await PublishRangeAsync(bus, stream, Batch, Batch, cancellationToken);
        var all = await EventuallyAsync(_ => ValueTask.FromResult(acked.Count), 2 * Batch, TimeSpan.FromSeconds(60), cancellationToken);
        var state = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "survivor", ct), new BusConsumerState(0, 0, 0), TimeSpan.FromSeconds(20), cancellationToken);
        await stop.CancelAsync();
        await consumer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var stored = await bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);
        var redelivered = acked.Values.Sum() - acked.Count;
        await TestContext.Out.WriteLineAsync($"{(kill ? "kill" : "restart")}: {acked.Count} distinct acked, {redelivered} delivered again");

        Assert.Multiple(() =>
        {
            Assert.That(all, Is.EqualTo(2 * Batch));
            Assert.That(acked.Keys.Order(StringComparer.Ordinal), Is.EqualTo(Enumerable.Range(0, 2 * Batch).Select(Name).Order(StringComparer.Ordinal)));
            Assert.That(state, Is.EqualTo(new BusConsumerState(0, 0, 0)));
            // Publishes retried across the restart are de-duplicated by their ids: each is stored once.
            Assert.That(stored, Has.Count.EqualTo(2 * Batch));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_bus_created_while_the_server_is_down_connects_once_it_is_up(CancellationToken cancellationToken)
    {
        await _server.StopAsync(cancellationToken);
        await using var bus = new NatsMessageBus(new NatsClientOptions { Url = _server.Url });
        var failed = Assert.CatchAsync<NatsException>(async () => await bus.ConnectAsync(cancellationToken));

        await _server.StartAsync(cancellationToken);
        var stream = NewStream();
        await bus.EnsureStreamAsync(stream, cancellationToken);
        var ack = await bus.PublishAsync(Envelope($"{stream.Name}.a", "up"), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.Not.Null);
            Assert.That(bus.IsConnected, Is.True);
            Assert.That(ack.Sequence, Is.EqualTo(1UL));
        });
    }

    private static string Name(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static async Task PublishRangeAsync(NatsMessageBus bus, StreamDefinition stream, int from, int count, CancellationToken cancellationToken)
    {
        for (var i = from; i < from + count; i++)
        {
            var envelope = Envelope($"{stream.Name}.a", Name(i), id: "m-" + Name(i));
            while (true)
            {
                try
                {
                    await bus.PublishAsync(envelope, cancellationToken);
                    break;
                }
                catch (NatsException)
                {
                    // Still reconnecting: the id makes the retry safe.
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }
}
