using System.Globalization;
using System.Text;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.IntegrationTests.Nats;

public sealed class NatsJsOrderedConsumerTests : NatsServerTestBase
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Ordered_consumer_replays_from_a_sequence(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var (js, stream) = await StreamWithAsync(connection, 50, cancellationToken);
        var ordered = js.CreateOrderedConsumer(stream, new NatsJsOrderedConsumerOptions { DeliverPolicy = DeliverPolicy.ByStartSequence, OptStartSeq = 41 });

        var seen = await TakeAsync(ordered, 10, cancellationToken);

        Assert.That(seen, Is.EqualTo(Enumerable.Range(41, 10).Select(i => (ulong)i)));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Ordered_consumer_replays_from_a_start_time(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var (js, stream) = await StreamWithAsync(connection, 5, cancellationToken);
        await Task.Delay(50, cancellationToken);
        var start = DateTimeOffset.UtcNow;
        await Task.Delay(50, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await js.PublishAsync(stream + ".x", cancellationToken: cancellationToken);
        }

        var ordered = js.CreateOrderedConsumer(stream, new NatsJsOrderedConsumerOptions { DeliverPolicy = DeliverPolicy.ByStartTime, OptStartTime = start });
        var seen = await TakeAsync(ordered, 3, cancellationToken);

        Assert.That(seen, Is.EqualTo(new List<ulong> { 6, 7, 8 }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Ordered_consumer_whose_consumer_vanishes_resets_and_continues_without_gaps_or_repeats(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var (js, stream) = await StreamWithAsync(connection, 200, cancellationToken);
        var ordered = js.CreateOrderedConsumer(stream, new NatsJsOrderedConsumerOptions { MaxMessages = 10, IdleHeartbeat = TimeSpan.FromMilliseconds(300) });
        var seen = new List<ulong>();

        await foreach (var msg in ordered.ConsumeAsync(cancellationToken))
        {
            seen.Add(msg.Metadata.StreamSequence);
            if (seen.Count == 50)
            {
                await foreach (var consumer in js.ListConsumersAsync(stream, cancellationToken))
                {
                    await js.DeleteConsumerAsync(stream, consumer.Name, cancellationToken);
                }
            }

            if (seen.Count == 200)
            {
                break;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 200).Select(i => (ulong)i)));
            Assert.That(ordered.Resets, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(60_000)]
    public async Task Ordered_consumer_survives_a_server_restart(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var (js, stream) = await StreamWithAsync(connection, 300, cancellationToken);
        var ordered = js.CreateOrderedConsumer(stream, new NatsJsOrderedConsumerOptions { MaxMessages = 20, IdleHeartbeat = TimeSpan.FromMilliseconds(500) });
        var seen = new List<ulong>();
        try
        {
            await foreach (var msg in ordered.ConsumeAsync(cancellationToken))
            {
                seen.Add(msg.Metadata.StreamSequence);
                if (seen.Count == 100)
                {
                    await Server.KillAsync(cancellationToken);
                    await Server.StartAsync(cancellationToken);
                }

                if (seen.Count == 300)
                {
                    break;
                }
            }
        }
        finally
        {
            if (!Server.IsRunning)
            {
                await Server.StartAsync(CancellationToken.None);
            }
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 300).Select(i => (ulong)i)));
    }

    private static async Task<(NatsJsContext Js, string Stream)> StreamWithAsync(NatsConnection connection, int count, CancellationToken cancellationToken)
    {
        var js = new NatsJsContext(connection);
        var stream = Unique("S");
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]), cancellationToken);
        for (var i = 0; i < count; i++)
        {
            await js.PublishAsync(stream + ".x", Encoding.ASCII.GetBytes(i.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
        }

        return (js, stream);
    }

    private static async Task<List<ulong>> TakeAsync(NatsJsOrderedConsumer ordered, int count, CancellationToken cancellationToken)
    {
        var seen = new List<ulong>();
        await foreach (var msg in ordered.ConsumeAsync(cancellationToken))
        {
            seen.Add(msg.Metadata.StreamSequence);
            if (seen.Count == count)
            {
                break;
            }
        }

        return seen;
    }
}
