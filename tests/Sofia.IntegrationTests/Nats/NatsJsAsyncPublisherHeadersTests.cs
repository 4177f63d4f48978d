using Sofia.Nats.JetStream;

namespace Sofia.IntegrationTests.Nats;

public sealed class NatsJsAsyncPublisherHeadersTests : NatsServerTestBase
{
    private static readonly string[] RepeatedValues = ["a b", "c"];

    [Test]
    [CancelAfter(30_000)]
    public async Task Async_publisher_stores_shared_headers_beside_the_msg_id_and_acks_name_the_stream(CancellationToken cancellationToken)
    {
        var name = Unique("H");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]) { Storage = StorageType.Memory }, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 16 }, cancellationToken);
        var shared = new NatsJsAsyncPublisherHeaders([new("Sofia-Type", "sofia.v1.Tick"), new("X-Two", "a b"), new("X-Two", "c")]);

        var futures = new List<NatsJsPublishFuture>();
        for (var i = 0; i < 100; i++)
        {
            futures.Add(await publisher.PublishWithAckAsync(name + ".t", "x"u8.ToArray(), "h-" + i, shared, cancellationToken));
        }

        var acks = new List<NatsJsPublishAck>();
        foreach (var future in futures)
        {
            acks.Add(await future.GetAckAsync());
        }

        var typeOnly = await (await publisher.PublishWithAckAsync(name + ".u", "y"u8.ToArray(), null, new NatsJsAsyncPublisherHeaders("Sofia-Type", "sofia.v1.Fill"), cancellationToken)).GetAckAsync();
        var repeat = await (await publisher.PublishWithAckAsync(name + ".t", "x"u8.ToArray(), "h-3", shared, cancellationToken)).GetAckAsync();
        var stored = new List<NatsJsMsg>();
        var consumer = js.CreateOrderedConsumer(name, new NatsJsOrderedConsumerOptions { MaxMessages = 200 });
        await foreach (var msg in consumer.ConsumeAsync(cancellationToken))
        {
            stored.Add(msg);
            if (msg.Metadata.NumPending == 0)
            {
                break;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(acks.Select(a => a.Sequence), Is.EqualTo(Enumerable.Range(1, 100).Select(i => (ulong)i)));
            Assert.That(acks.Select(a => a.Stream).Distinct(), Is.EqualTo(new[] { name }));
            Assert.That(repeat, Is.EqualTo(new NatsJsPublishAck(4, true, name)));
            Assert.That(typeOnly, Is.EqualTo(new NatsJsPublishAck(101, false, name)));
            Assert.That(stored, Has.Count.EqualTo(101));
            Assert.That(stored[3].Headers!["Nats-Msg-Id"], Is.EqualTo("h-3"));
            Assert.That(stored[3].Headers!["Sofia-Type"], Is.EqualTo("sofia.v1.Tick"));
            Assert.That(stored[3].Headers!.GetValues("X-Two"), Is.EqualTo(RepeatedValues));
            Assert.That(stored[100].Headers!["Sofia-Type"], Is.EqualTo("sofia.v1.Fill"));
            Assert.That(stored[100].Headers!["Nats-Msg-Id"], Is.Null);
        });
    }

    [Test]
    public void Headers_refuse_the_msg_id_and_line_breaks() =>
        Assert.Multiple(() =>
        {
            Assert.That(() => new NatsJsAsyncPublisherHeaders("Nats-Msg-Id", "x"), Throws.ArgumentException);
            Assert.That(() => new NatsJsAsyncPublisherHeaders("Sofia-Type", "a\r\nb"), Throws.ArgumentException);
            Assert.That(() => new NatsJsAsyncPublisherHeaders("Bad Key", "a"), Throws.ArgumentException);
        });
}
