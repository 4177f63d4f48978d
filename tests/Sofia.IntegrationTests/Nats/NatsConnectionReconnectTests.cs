using System.Diagnostics;
using Sofia.Nats;

namespace Sofia.IntegrationTests.Nats;

[Category("Slow")]
public sealed class NatsConnectionReconnectTests : NatsFaultTestBase
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Connection_reconnects_after_the_server_is_killed_and_restores_subscriptions(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        var events = new System.Collections.Concurrent.ConcurrentQueue<NatsConnectionEvent>();
        connection.ConnectionChanged += (_, e) => events.Enqueue(e.Event);
        await using var subscription = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);

        await Server.KillAsync(cancellationToken);
        await WaitUntilAsync(() => connection.State == NatsConnectionState.Reconnecting, cancellationToken);
        await Server.StartAsync(cancellationToken);
        await WaitUntilAsync(() => connection.State == NatsConnectionState.Connected, cancellationToken);
        await using var other = await ConnectAsync(cancellationToken);
        await other.PublishAsync(subject, "after"u8.ToArray(), cancellationToken: cancellationToken);
        var msg = await subscription.Messages.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(msg.Data.ToArray(), Is.EqualTo("after"u8.ToArray()));
            Assert.That(events, Is.EqualTo(new List<NatsConnectionEvent> { NatsConnectionEvent.Disconnected, NatsConnectionEvent.Reconnected }));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Publishes_made_during_an_outage_are_sent_after_the_reconnect(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var subscription = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);

        await Server.KillAsync(cancellationToken);
        await WaitUntilAsync(() => connection.State == NatsConnectionState.Reconnecting, cancellationToken);
        for (var i = 0; i < 100; i++)
        {
            await connection.PublishAsync(subject, BitConverter.GetBytes(i), cancellationToken: cancellationToken);
        }

        await Server.StartAsync(cancellationToken);
        var received = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            received.Add(BitConverter.ToInt32((await subscription.Messages.ReadAsync(cancellationToken)).Data.Span));
        }

        Assert.That(received, Is.EqualTo(Enumerable.Range(0, 100)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Publish_beyond_the_reconnect_buffer_is_rejected_not_dropped(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken, new NatsOptions { ReconnectBufferBytes = 2_000 });
        await using var subscription = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);

        await Server.KillAsync(cancellationToken);
        await WaitUntilAsync(() => connection.State == NatsConnectionState.Reconnecting, cancellationToken);
        var accepted = 0;
        NatsReconnectBufferFullException? rejected = null;
        while (rejected is null)
        {
            try
            {
                await connection.PublishAsync(subject, new byte[100], cancellationToken: cancellationToken);
                accepted++;
            }
            catch (NatsReconnectBufferFullException ex)
            {
                rejected = ex;
            }
        }

        await Server.StartAsync(cancellationToken);
        for (var i = 0; i < accepted; i++)
        {
            await subscription.Messages.ReadAsync(cancellationToken);
        }

        await connection.FlushAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.InRange(10, 20));
            Assert.That(rejected.LimitBytes, Is.EqualTo(2_000));
            Assert.That(subscription.Messages.TryRead(out _), Is.False);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Request_in_flight_when_the_server_dies_fails_with_a_connection_error(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var silent = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);
        var request = connection.RequestAsync(subject, timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        await silent.Messages.ReadAsync(cancellationToken);
        var watch = Stopwatch.StartNew();

        await Server.KillAsync(cancellationToken);

        Assert.That(async () => await request, Throws.InstanceOf<NatsConnectionException>());
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Connection_closes_when_reconnect_attempts_run_out(CancellationToken cancellationToken)
    {
        var options = new NatsOptions { MaxReconnectAttempts = 2, ReconnectDelay = TimeSpan.FromMilliseconds(10), ReconnectDelayMax = TimeSpan.FromMilliseconds(50) };
        await using var connection = await ConnectAsync(cancellationToken, options);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionChanged += (_, e) =>
        {
            if (e.Event == NatsConnectionEvent.Closed)
            {
                closed.TrySetResult();
            }
        };

        await Server.KillAsync(cancellationToken);
        await closed.Task.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(connection.State, Is.EqualTo(NatsConnectionState.Closed));
            Assert.That(async () => await connection.PublishAsync("x", cancellationToken: cancellationToken), Throws.InstanceOf<NatsConnectionException>());
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Frozen_server_is_detected_by_missing_pongs_and_left(CancellationToken cancellationToken)
    {
        var options = new NatsOptions { PingInterval = TimeSpan.FromMilliseconds(200), MaxPingsOutstanding = 2 };
        await using var connection = await ConnectAsync(cancellationToken, options);
        var pid = Server.ProcessId!.Value;

        Signal("STOP", pid);
        try
        {
            await WaitUntilAsync(() => connection.State == NatsConnectionState.Reconnecting, cancellationToken);
        }
        finally
        {
            Signal("CONT", pid);
        }

        await WaitUntilAsync(() => connection.State == NatsConnectionState.Connected, cancellationToken);
        await connection.FlushAsync(cancellationToken);
    }
}
