using System.Globalization;
using System.Text;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.IntegrationTests.Nats;

public sealed class NatsJsConsumerTests : NatsServerTestBase
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Fetch_returns_at_most_the_batch_and_no_wait_ends_at_once_when_empty(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 5, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c" }, cancellationToken);

        var first = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 3 }, cancellationToken), ack: true, cancellationToken);
        var second = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 10, NoWait = true }, cancellationToken), ack: true, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var third = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 10, NoWait = true }, cancellationToken), ack: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new List<string> { "0", "1", "2" }));
            Assert.That(second, Is.EqualTo(new List<string> { "3", "4" }));
            Assert.That(third, Is.Empty);
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Fetch_with_expiry_ends_when_the_request_expires(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 2, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c" }, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var got = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 10, Expires = TimeSpan.FromMilliseconds(500), IdleHeartbeat = TimeSpan.FromMilliseconds(100) }, cancellationToken), ack: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(got, Has.Count.EqualTo(2));
            Assert.That(watch.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2.4)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Fetch_with_max_bytes_stops_at_the_byte_limit(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        for (var i = 0; i < 10; i++)
        {
            await js.PublishAsync(stream + ".x", new byte[1000], cancellationToken: cancellationToken);
        }

        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c" }, cancellationToken);

        var got = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 10, MaxBytes = 3500, Expires = TimeSpan.FromSeconds(1) }, cancellationToken), ack: true, cancellationToken);

        Assert.That(got.Count, Is.InRange(1, 3));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Consume_delivers_every_message_in_order_and_acks_leave_nothing_pending(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 1_000, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c" }, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = new List<ulong>();

        await foreach (var msg in consumer.ConsumeAsync(new NatsJsConsumeOptions { MaxMessages = 64 }, stop.Token))
        {
            received.Add(msg.Metadata.StreamSequence);
            await msg.AckAsync(cancellationToken);
            if (received.Count == 1_000)
            {
                break;
            }
        }

        await connection.FlushAsync(cancellationToken);
        var info = await consumer.RefreshAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(Enumerable.Range(1, 1_000).Select(i => (ulong)i)));
            Assert.That(info.NumPending, Is.Zero);
            Assert.That(info.NumAckPending, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Message_metadata_comes_from_the_ack_subject(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 3, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "meta" }, cancellationToken);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        NatsJsMsg last = default;
        await foreach (var msg in consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 2 }, cancellationToken))
        {
            last = msg;
        }

        var metadata = last.Metadata;
        Assert.Multiple(() =>
        {
            Assert.That(metadata.Stream, Is.EqualTo(stream));
            Assert.That(metadata.Consumer, Is.EqualTo("meta"));
            Assert.That(metadata.NumDelivered, Is.EqualTo(1));
            Assert.That(metadata.StreamSequence, Is.EqualTo(2));
            Assert.That(metadata.ConsumerSequence, Is.EqualTo(2));
            Assert.That(metadata.NumPending, Is.EqualTo(1));
            Assert.That(metadata.Timestamp, Is.InRange(before, DateTimeOffset.UtcNow.AddMinutes(1)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Nak_with_delay_redelivers_after_the_delay_with_a_higher_delivery_count(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 1, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c" }, cancellationToken);
        var first = await FirstAsync(consumer, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await first.NakAsync(TimeSpan.FromMilliseconds(700), cancellationToken);
        var second = await FirstAsync(consumer, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Metadata.StreamSequence, Is.EqualTo(1));
            Assert.That(second.Metadata.NumDelivered, Is.EqualTo(2));
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Pull_consumer_redelivers_a_message_that_was_not_acked(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 1, cancellationToken);
        var config = new ConsumerConfig { DurableName = "c", AckWait = TimeSpan.FromMilliseconds(500) };
        await js.CreateOrUpdateConsumerAsync(stream, config, cancellationToken);

        // A worker takes the message and dies (its connection closes) without acking.
        await using (var dying = await ConnectAsync(cancellationToken))
        {
            var dyingConsumer = await new NatsJsContext(dying).GetConsumerAsync(stream, "c", cancellationToken);
            await FirstAsync(dyingConsumer, cancellationToken);
        }

        var consumer = await js.GetConsumerAsync(stream, "c", cancellationToken);
        var again = await FirstAsync(consumer, cancellationToken);
        await again.AckAndWaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(again.Metadata.StreamSequence, Is.EqualTo(1));
            Assert.That(again.Metadata.NumDelivered, Is.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Term_stops_redelivery_and_in_progress_keeps_the_message(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 2, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c", AckWait = TimeSpan.FromMilliseconds(800) }, cancellationToken);
        var batch = new List<NatsJsMsg>();
        await foreach (var msg in consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 2 }, cancellationToken))
        {
            batch.Add(msg);
        }

        await batch[0].TermAsync("bad payload", cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(400, cancellationToken);
            await batch[1].InProgressAsync(cancellationToken);
        }

        var early = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 2, NoWait = true }, cancellationToken), ack: false, cancellationToken);
        await batch[1].AckAndWaitAsync(cancellationToken);
        await Task.Delay(1_000, cancellationToken);
        var later = await Drain(consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 2, NoWait = true }, cancellationToken), ack: false, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Empty);
            Assert.That(later, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Backoff_spaces_redeliveries_and_max_deliver_ends_them(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        await PublishAsync(js, stream, 1, cancellationToken);
        var backoff = new List<TimeSpan> { TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1200) };
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c", MaxDeliver = 3, Backoff = backoff }, cancellationToken);
        var deliveries = new List<(ulong Count, TimeSpan At)>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(4_000);

        try
        {
            await foreach (var msg in consumer.ConsumeAsync(new NatsJsConsumeOptions { MaxMessages = 10, IdleHeartbeat = TimeSpan.FromSeconds(1) }, stop.Token))
            {
                deliveries.Add((msg.Metadata.NumDelivered, watch.Elapsed));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ran long enough to see that no fourth delivery comes.
        }

        Assert.Multiple(() =>
        {
            Assert.That(consumer.Info.Config.Backoff, Is.EqualTo(backoff));
            Assert.That(deliveries.Select(d => d.Count), Is.EqualTo(new List<ulong> { 1, 2, 3 }));
            Assert.That(deliveries[2].At - deliveries[1].At, Is.GreaterThan(deliveries[1].At - deliveries[0].At));
            Assert.That(deliveries[1].At - deliveries[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Poison_message_is_dead_lettered_and_the_consumer_keeps_going(CancellationToken cancellationToken)
    {
        var (connection, js, stream) = await SetUpAsync(cancellationToken);
        await using var owned = connection;
        var deadLetters = stream + "_DLQ";
        await js.CreateOrUpdateStreamAsync(new StreamConfig(deadLetters, [deadLetters + ".>"]), cancellationToken);
        await PublishAsync(js, stream, 5, cancellationToken);
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "c", MaxDeliver = 3, AckWait = TimeSpan.FromSeconds(5) }, cancellationToken);
        var handled = new List<string>();
        var deadLettered = new List<ulong>();
        var attemptsOfPoison = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = new NatsJsProcessOptions
        {
            DeadLetterSubject = deadLetters + ".orders",
            OnDeadLetter = (msg, _, _) =>
            {
                deadLettered.Add(msg.Metadata.StreamSequence);
                return default;
            },
            Consume = new NatsJsConsumeOptions { MaxMessages = 10 },
        };

        var run = consumer.ProcessAsync(
            (msg, _) =>
            {
                var text = Encoding.ASCII.GetString(msg.Data.Span);
                if (text == "2")
                {
                    attemptsOfPoison++;
                    throw new InvalidOperationException("cannot parse 2");
                }

                handled.Add(text);
                if (handled.Count == 4)
                {
                    stop.CancelAfter(500);
                }

                return default;
            },
            options,
            stop.Token);
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());

        var dlq = await js.CreateOrUpdateConsumerAsync(deadLetters, new ConsumerConfig(), cancellationToken);
        var letters = new List<NatsJsMsg>();
        await foreach (var msg in dlq.FetchAsync(new NatsJsFetchOptions { MaxMessages = 10, NoWait = true }, cancellationToken))
        {
            letters.Add(msg);
        }

        await connection.FlushAsync(cancellationToken);
        var info = await consumer.RefreshAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(handled, Is.EquivalentTo(new List<string> { "0", "1", "3", "4" }));
            Assert.That(attemptsOfPoison, Is.EqualTo(3));
            Assert.That(deadLettered, Is.EqualTo(new List<ulong> { 3 }));
            Assert.That(letters, Has.Count.EqualTo(1));
            Assert.That(Encoding.ASCII.GetString(letters[0].Data.Span), Is.EqualTo("2"));
            Assert.That(letters[0].Headers![NatsJsConsumer.DeadLetterSequenceHeader], Is.EqualTo("3"));
            Assert.That(letters[0].Headers![NatsJsConsumer.DeadLetterDeliveriesHeader], Is.EqualTo("3"));
            Assert.That(letters[0].Headers![NatsJsConsumer.DeadLetterErrorHeader], Is.EqualTo("cannot parse 2"));
            Assert.That(info.NumAckPending, Is.Zero);
            Assert.That(info.NumPending, Is.Zero);
        });
    }

    private async Task<(NatsConnection Connection, NatsJsContext Js, string Stream)> SetUpAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        var stream = Unique("S");
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]), cancellationToken);
        return (connection, js, stream);
    }

    private static async Task PublishAsync(NatsJsContext js, string stream, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await js.PublishAsync(stream + ".x", Encoding.ASCII.GetBytes(i.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
        }
    }

    private static async Task<NatsJsMsg> FirstAsync(NatsJsConsumer consumer, CancellationToken cancellationToken)
    {
        await foreach (var msg in consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 1, Expires = TimeSpan.FromSeconds(5) }, cancellationToken))
        {
            return msg;
        }

        throw new AssertionException("No message was delivered.");
    }

    private static async Task<List<string>> Drain(IAsyncEnumerable<NatsJsMsg> messages, bool ack, CancellationToken cancellationToken)
    {
        var list = new List<string>();
        await foreach (var msg in messages)
        {
            list.Add(Encoding.ASCII.GetString(msg.Data.Span));
            if (ack)
            {
                await msg.AckAsync(cancellationToken);
            }
        }

        return list;
    }
}
