using System.Diagnostics.Metrics;
using System.Text;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Nats;

public sealed class NatsConnectionTests : NatsServerTestBase
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Published_message_reaches_a_subscriber_with_payload_and_headers(CancellationToken cancellationToken)
    {
        var subject = Unique() + ".orders";
        await using var connection = await ConnectAsync(cancellationToken);
        await using var subscription = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);
        var headers = new NatsHeaders().Add("X-Tag", "a").Add("X-Tag", "b").Add("Nats-Msg-Id", "id-1");

        await connection.PublishAsync(subject, "hello"u8.ToArray(), headers, cancellationToken: cancellationToken);
        var msg = await subscription.Messages.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(msg.Subject, Is.EqualTo(subject));
            Assert.That(Encoding.UTF8.GetString(msg.Data.Span), Is.EqualTo("hello"));
            Assert.That(msg.Headers!.GetValues("X-Tag"), Is.EqualTo(new List<string> { "a", "b" }));
            Assert.That(msg.Headers["Nats-Msg-Id"], Is.EqualTo("id-1"));
            Assert.That(msg.ReplyTo, Is.Null);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Messages_from_one_publisher_arrive_in_order(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var publisher = await ConnectAsync(cancellationToken);
        await using var consumer = await ConnectAsync(cancellationToken);
        await using var subscription = await consumer.SubscribeAsync(subject, cancellationToken: cancellationToken);

        for (var i = 0; i < 10_000; i++)
        {
            await publisher.PublishAsync(subject, BitConverter.GetBytes(i), cancellationToken: cancellationToken);
        }

        for (var i = 0; i < 10_000; i++)
        {
            var msg = await subscription.Messages.ReadAsync(cancellationToken);
            Assert.That(BitConverter.ToInt32(msg.Data.Span), Is.EqualTo(i));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Wildcard_subscriptions_receive_only_matching_subjects(CancellationToken cancellationToken)
    {
        var prefix = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var star = await connection.SubscribeAsync(prefix + ".*.BTC-USDT", cancellationToken: cancellationToken);
        await using var tail = await connection.SubscribeAsync(prefix + ".binance.>", cancellationToken: cancellationToken);

        await connection.PublishAsync(prefix + ".binance.BTC-USDT", cancellationToken: cancellationToken);
        await connection.PublishAsync(prefix + ".okx.ETH-USDT", cancellationToken: cancellationToken);
        await connection.PublishAsync(prefix + ".binance.ETH-USDT.x", cancellationToken: cancellationToken);
        await connection.PublishAsync(prefix + ".okx.BTC-USDT", cancellationToken: cancellationToken);
        await connection.FlushAsync(cancellationToken);

        var starSubjects = new List<string> { (await star.Messages.ReadAsync(cancellationToken)).Subject, (await star.Messages.ReadAsync(cancellationToken)).Subject };
        var tailSubjects = new List<string> { (await tail.Messages.ReadAsync(cancellationToken)).Subject, (await tail.Messages.ReadAsync(cancellationToken)).Subject };
        await connection.FlushAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(starSubjects, Is.EqualTo(new List<string> { prefix + ".binance.BTC-USDT", prefix + ".okx.BTC-USDT" }));
            Assert.That(tailSubjects, Is.EqualTo(new List<string> { prefix + ".binance.BTC-USDT", prefix + ".binance.ETH-USDT.x" }));
            Assert.That(star.Messages.TryRead(out _), Is.False);
            Assert.That(tail.Messages.TryRead(out _), Is.False);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Queue_group_delivers_each_message_to_exactly_one_member(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var first = await connection.SubscribeAsync(subject, "workers", cancellationToken: cancellationToken);
        await using var second = await connection.SubscribeAsync(subject, "workers", cancellationToken: cancellationToken);

        for (var i = 0; i < 200; i++)
        {
            await connection.PublishAsync(subject, cancellationToken: cancellationToken);
        }

        await connection.FlushAsync(cancellationToken);
        var total = 0;
        await WaitUntilAsync(() => (total = first.Messages.Count + second.Messages.Count) >= 200, cancellationToken);
        await connection.FlushAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Messages.Count + second.Messages.Count, Is.EqualTo(200));
            Assert.That(first.Messages.Count, Is.GreaterThan(0));
            Assert.That(second.Messages.Count, Is.GreaterThan(0));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_gets_the_reply_of_a_responder(CancellationToken cancellationToken)
    {
        var subject = Unique() + ".echo";
        await using var connection = await ConnectAsync(cancellationToken);
        await using var service = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);
        var responder = Task.Run(
            async () =>
            {
                await foreach (var request in service.ReadAllAsync(cancellationToken))
                {
                    await request.ReplyAsync(Encoding.UTF8.GetBytes("re:" + Encoding.UTF8.GetString(request.Data.Span)), cancellationToken: cancellationToken);
                }
            },
            cancellationToken);

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            connection.RequestAsync(subject, Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: cancellationToken)));

        Assert.That(
            replies.Select(r => Encoding.UTF8.GetString(r.Data.Span)),
            Is.EqualTo(Enumerable.Range(0, 50).Select(i => "re:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await service.UnsubscribeAsync(cancellationToken);
        await responder;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_without_responders_fails_with_no_responders(CancellationToken cancellationToken)
    {
        var subject = Unique() + ".nobody";
        await using var connection = await ConnectAsync(cancellationToken);

        var error = Assert.ThrowsAsync<NatsNoRespondersException>(() => connection.RequestAsync(subject, cancellationToken: cancellationToken));

        Assert.That(error!.Subject, Is.EqualTo(subject));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_to_a_silent_responder_times_out(CancellationToken cancellationToken)
    {
        var subject = Unique() + ".silent";
        await using var connection = await ConnectAsync(cancellationToken);
        await using var silent = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);

        var error = Assert.ThrowsAsync<NatsRequestTimeoutException>(
            () => connection.RequestAsync(subject, timeout: TimeSpan.FromMilliseconds(300), cancellationToken: cancellationToken));

        Assert.That(error!.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Cancelled_request_stops_waiting(CancellationToken cancellationToken)
    {
        var subject = Unique() + ".silent";
        await using var connection = await ConnectAsync(cancellationToken);
        await using var silent = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(200);

        Assert.That(
            async () => await connection.RequestAsync(subject, timeout: TimeSpan.FromSeconds(30), cancellationToken: cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Subscription_ends_after_its_max_messages(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        var subscription = await connection.SubscribeAsync(subject, options: new NatsSubscriptionOptions { MaxMessages = 3 }, cancellationToken: cancellationToken);

        for (var i = 0; i < 5; i++)
        {
            await connection.PublishAsync(subject, cancellationToken: cancellationToken);
        }

        var received = 0;
        await foreach (var unused in subscription.ReadAllAsync(cancellationToken))
        {
            received++;
        }

        Assert.That(received, Is.EqualTo(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Full_subscription_with_drop_policy_counts_what_it_drops(CancellationToken cancellationToken)
    {
        var subject = Unique();
        await using var connection = await ConnectAsync(cancellationToken);
        var options = new NatsSubscriptionOptions { Capacity = 10, SlowConsumerPolicy = NatsSlowConsumerPolicy.DropNewest };
        await using var subscription = await connection.SubscribeAsync(subject, options: options, cancellationToken: cancellationToken);

        for (var i = 0; i < 25; i++)
        {
            await connection.PublishAsync(subject, BitConverter.GetBytes(i), cancellationToken: cancellationToken);
        }

        await connection.FlushAsync(cancellationToken);
        await WaitUntilAsync(() => subscription.DroppedMessages == 15, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(subscription.Messages.Count, Is.EqualTo(10));
            Assert.That(subscription.Messages.TryRead(out var first) ? BitConverter.ToInt32(first.Data.Span) : -1, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Invalid_subjects_are_rejected_before_anything_is_sent(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(async () => await connection.PublishAsync("a.*", cancellationToken: cancellationToken), Throws.ArgumentException);
            Assert.That(async () => await connection.PublishAsync("a..b", cancellationToken: cancellationToken), Throws.ArgumentException);
            Assert.That(async () => await connection.SubscribeAsync("a.>.b", cancellationToken: cancellationToken), Throws.ArgumentException);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Metrics_count_messages_and_bytes_in_and_out(CancellationToken cancellationToken)
    {
        var subject = Unique();
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Sofia.Nats")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.Start();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var subscription = await connection.SubscribeAsync(subject, cancellationToken: cancellationToken);

        for (var i = 0; i < 5; i++)
        {
            await connection.PublishAsync(subject, new byte[100], cancellationToken: cancellationToken);
        }

        for (var i = 0; i < 5; i++)
        {
            await subscription.Messages.ReadAsync(cancellationToken);
        }

        Assert.Multiple(() =>
        {
            Assert.That(totals.GetValueOrDefault("sofia.nats.messages.out"), Is.GreaterThanOrEqualTo(5));
            Assert.That(totals.GetValueOrDefault("sofia.nats.messages.in"), Is.GreaterThanOrEqualTo(5));
            Assert.That(totals.GetValueOrDefault("sofia.nats.bytes.out"), Is.GreaterThanOrEqualTo(500));
            Assert.That(totals.GetValueOrDefault("sofia.nats.bytes.in"), Is.GreaterThanOrEqualTo(500));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Server_info_is_available_after_connect(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(connection.State, Is.EqualTo(NatsConnectionState.Connected));
            Assert.That(connection.ServerInfo!.JetStream, Is.True);
            Assert.That(connection.ServerInfo.Headers, Is.True);
            Assert.That(connection.ServerInfo.MaxPayload, Is.GreaterThan(0));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Connecting_to_a_closed_port_fails_with_a_connection_error(CancellationToken cancellationToken)
    {
        var options = new NatsOptions { Servers = ["nats://127.0.0.1:1"], ConnectTimeout = TimeSpan.FromSeconds(1) };

        Assert.That(async () => await NatsConnection.ConnectAsync(options, cancellationToken), Throws.InstanceOf<NatsConnectionException>());
    }
}
