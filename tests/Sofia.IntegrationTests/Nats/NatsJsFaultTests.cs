using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.IntegrationTests.Nats;

[Category("Slow")]
public sealed class NatsJsFaultTests : NatsFaultTestBase
{
    private static readonly TimeSpan FaultDeadline = TimeSpan.FromSeconds(20);

    [Test]
    [CancelAfter(120_000)]
    public async Task Server_killed_mid_publish_loses_no_acked_message_and_msg_ids_prevent_duplicates(CancellationToken cancellationToken)
    {
        var stream = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var reconnects = CountReconnects(connection);
        var js = new NatsJsContext(connection, new NatsJsOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]) { Storage = StorageType.File }, cancellationToken);
        var acked = new List<string>();
        var publishing = Task.Run(
            async () =>
            {
                for (var i = 0; i < 3_000; i++)
                {
                    var id = "m" + i.ToString(CultureInfo.InvariantCulture);
                    var options = new NatsJsPublishOptions { MsgId = id, RetryAttempts = 40, RetryDelay = TimeSpan.FromMilliseconds(100) };
                    await js.PublishAsync(stream + ".x", Encoding.ASCII.GetBytes(id), options, cancellationToken: cancellationToken);
                    lock (acked)
                    {
                        acked.Add(id);
                    }
                }
            },
            cancellationToken);

        await WaitUntilAsync(() => { lock (acked) { return acked.Count >= 1_000; } }, cancellationToken);
        await Server.KillAsync(cancellationToken);
        await Server.StartAsync(cancellationToken);
        await publishing;

        var stored = await ReadAllAsync(js, stream, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Count.EqualTo(stored.Distinct().Count()), "duplicates in the stream");
            Assert.That(acked.Except(stored), Is.Empty, "acked but not stored");
            Assert.That(stored, Has.Count.EqualTo(3_000));
            Assert.That(reconnects(), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Server_killed_mid_async_publish_keeps_every_acked_message_once(CancellationToken cancellationToken)
    {
        var stream = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]) { Storage = StorageType.File }, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(
            new NatsJsAsyncPublisherOptions { MaxPending = 128, AckTimeout = TimeSpan.FromSeconds(1), RetryAttempts = 30 }, cancellationToken);

        // A restart that fails stops the publishing, which would otherwise wait for the server until the test times out.
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var restart = Task.CompletedTask;
        try
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (i == 5_000)
                {
                    await Server.KillAsync(cancellationToken);
                    restart = RestartOnceNoticedAsync(connection, publishing, cancellationToken);
                }

                var id = "m" + i.ToString(CultureInfo.InvariantCulture);
                await PublishWithBufferRetryAsync(publisher, stream + ".x", id, publishing.Token);
            }
        }
        catch (OperationCanceledException) when (publishing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The restart's own error is raised below.
        }

        await restart;
        await publisher.FlushAsync(cancellationToken);
        var stored = await ReadAllAsync(js, stream, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Count.EqualTo(stored.Distinct().Count()), "duplicates in the stream");
            Assert.That(stored, Has.Count.EqualTo(20_000));
            Assert.That(publisher.Failed, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Server_killed_mid_consume_the_consumer_resumes_and_every_message_is_processed(CancellationToken cancellationToken)
    {
        var stream = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]) { Storage = StorageType.File }, cancellationToken);
        await using (var publisher = await js.CreateAsyncPublisherAsync(cancellationToken: cancellationToken))
        {
            for (var i = 0; i < 2_000; i++)
            {
                await publisher.PublishAsync(stream + ".x", Encoding.ASCII.GetBytes(i.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
            }

            await publisher.FlushAsync(cancellationToken);
        }

        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c", AckWait = TimeSpan.FromSeconds(2) }, cancellationToken);
        var reconnects = CountReconnects(connection);
        var processed = new ConcurrentDictionary<ulong, int>();
        var killed = false;
        var options = new NatsJsConsumeOptions { MaxMessages = 50, IdleHeartbeat = TimeSpan.FromMilliseconds(500), Expires = TimeSpan.FromSeconds(5) };
        await foreach (var msg in consumer.ConsumeAsync(options, cancellationToken))
        {
            processed.AddOrUpdate(msg.Metadata.StreamSequence, 1, (_, n) => n + 1);
            try
            {
                await msg.AckAsync(cancellationToken);
            }
            catch (NatsReconnectBufferFullException)
            {
                // Not acked: the server redelivers it.
            }

            if (!killed && processed.Count == 700)
            {
                killed = true;
                await Server.KillAsync(cancellationToken);
                await Server.StartAsync(cancellationToken);
            }

            if (processed.Count == 2_000)
            {
                break;
            }
        }

        await WaitUntilAsync(() => connection.State == NatsConnectionState.Connected, cancellationToken);
        Assert.That(processed.Keys.Order(), Is.EqualTo(Enumerable.Range(1, 2_000).Select(i => (ulong)i)));
        Assert.That(reconnects(), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Consume_pulls_again_after_missed_heartbeats_when_the_server_freezes(CancellationToken cancellationToken)
    {
        using var recording = new RecordingLoggerProvider();
        using var loggers = new Microsoft.Extensions.Logging.LoggerFactory([recording]);
        var stream = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken, new NatsOptions { LoggerFactory = loggers });
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]), cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c" }, cancellationToken);
        var options = new NatsJsConsumeOptions { MaxMessages = 10, IdleHeartbeat = TimeSpan.FromMilliseconds(300), Expires = TimeSpan.FromSeconds(30) };
        var pid = Server.ProcessId!.Value;
        var freeze = Task.Run(
            async () =>
            {
                // Freeze only once the consume loop's pull waits on the server, and thaw once the client has seen its
                // heartbeats stop and re-pulled: the recovery under test, rather than a guess at how long it takes.
                await Eventually.HoldsAsync(
                    async () => (await js.GetConsumerInfoAsync(stream, "c", cancellationToken)).NumWaiting > 0,
                    "the consume loop's pull waits on the server",
                    FaultDeadline,
                    cancellationToken);
                Signal("STOP", pid);
                try
                {
                    await Eventually.HoldsAsync(() => recording.EventIds.Contains(2100), "a pull reset after missed heartbeats", FaultDeadline, cancellationToken);
                }
                finally
                {
                    Signal("CONT", pid);
                }

                await js.PublishAsync(stream + ".x", "after the freeze"u8.ToArray(), cancellationToken: cancellationToken);
            },
            cancellationToken);

        NatsJsMsg received = default;
        await foreach (var msg in consumer.ConsumeAsync(options, cancellationToken))
        {
            received = msg;
            await msg.AckAsync(cancellationToken);
            break;
        }

        await freeze;
        Assert.Multiple(() =>
        {
            Assert.That(received.Data.ToArray(), Is.EqualTo("after the freeze"u8.ToArray()));
            Assert.That(recording.EventIds, Does.Contain(2100), "a pull reset was logged");
        });
    }


    private static Func<int> CountReconnects(NatsConnection connection)
    {
        var count = 0;
        connection.ConnectionChanged += (_, e) =>
        {
            if (e.Event == NatsConnectionEvent.Reconnected)
            {
                Interlocked.Increment(ref count);
            }
        };
        return () => Volatile.Read(ref count);
    }

    private async Task RestartOnceNoticedAsync(NatsConnection connection, CancellationTokenSource onFailure, CancellationToken cancellationToken)
    {
        try
        {
            // The outage lasts at least until the client has seen it, so the publishes meanwhile go to the reconnect buffer.
            await Eventually.HoldsAsync(() => connection.State == NatsConnectionState.Reconnecting, "the client sees the kill", FaultDeadline, cancellationToken);
            await Server.StartAsync(cancellationToken);
        }
        catch
        {
            await onFailure.CancelAsync();
            throw;
        }
    }

    private static async Task PublishWithBufferRetryAsync(NatsJsAsyncPublisher publisher, string subject, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await publisher.PublishAsync(subject, Encoding.ASCII.GetBytes(id), id, cancellationToken);
                return;
            }
            catch (NatsReconnectBufferFullException)
            {
                // A back-off before trying again while the buffer is full; the token bounds it.
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static async Task<List<string>> ReadAllAsync(NatsJsContext js, string stream, CancellationToken cancellationToken)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { AckPolicy = AckPolicy.None }, cancellationToken);
        var stored = new List<string>();
        while (true)
        {
            var before = stored.Count;
            await foreach (var msg in consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 1_000, NoWait = true }, cancellationToken))
            {
                stored.Add(Encoding.ASCII.GetString(msg.Data.Span));
            }

            if (stored.Count == before)
            {
                return stored;
            }
        }
    }
}
