using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sofia.Contracts;
using Sofia.Messaging;
using static Sofia.Messaging.Tests.BusTestKit;

namespace Sofia.Messaging.Tests;

/// <summary>
/// The semantics services rely on, checked against every <see cref="IMessageBus"/>: each concrete fixture supplies a
/// bus, and every test here runs against it with streams of its own.
/// </summary>
public abstract partial class MessageBusContractTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShortAckWait = TimeSpan.FromSeconds(1);

    /// <summary>A bus for one test; it is disposed at the end of the test.</summary>
    protected abstract ValueTask<IMessageBus> CreateBusAsync(CancellationToken cancellationToken);

    private async Task<(IMessageBus Bus, StreamDefinition Stream)> StartAsync(CancellationToken cancellationToken, StreamRetention retention = StreamRetention.Limits)
    {
        var bus = await CreateBusAsync(cancellationToken);
        var stream = NewStream(retention);
        await bus.EnsureStreamAsync(stream, cancellationToken);
        return (bus, stream);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Publish_acks_name_the_stream_with_increasing_sequences(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;

        var acks = new List<BusPublishAck>();
        for (var i = 0; i < 5; i++)
        {
            acks.Add(await bus.PublishAsync(Envelope($"{stream.Prefix()}.a.{i}", "x"), cancellationToken));
        }

        Assert.Multiple(() =>
        {
            Assert.That(acks.Select(a => a.Sequence), Is.EqualTo(new List<ulong> { 1, 2, 3, 4, 5 }));
            Assert.That(acks.Select(a => a.Stream), Is.All.EqualTo(stream.Name));
            Assert.That(acks.Select(a => a.Duplicate), Is.All.False);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Ensuring_the_same_stream_again_keeps_its_messages(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 3, cancellationToken);

        await bus.EnsureStreamAsync(stream, cancellationToken);
        var ack = await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "3"), cancellationToken);

        Assert.That(ack.Sequence, Is.EqualTo(4UL));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_repeated_message_id_is_acked_as_a_duplicate_of_the_original_and_stored_once(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var subject = $"{stream.Prefix()}.a";

        var first = await bus.PublishAsync(Envelope(subject, "one", id: "m-1"), cancellationToken);
        var other = await bus.PublishAsync(Envelope(subject, "two", id: "m-2"), cancellationToken);
        var again = await bus.PublishAsync(Envelope(subject, "one again", id: "m-1"), cancellationToken);
        var stored = await bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new BusPublishAck(stream.Name, 1, false)));
            Assert.That(other, Is.EqualTo(new BusPublishAck(stream.Name, 2, false)));
            Assert.That(again, Is.EqualTo(new BusPublishAck(stream.Name, 1, true)));
            Assert.That(stored.Select(m => m.Text()), Is.EqualTo(new List<string> { "one", "two" }));
            Assert.That(stored.Select(m => m.MessageId), Is.EqualTo(new List<string> { "m-1", "m-2" }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_consumer_receives_a_duplicate_publish_only_once(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var subject = $"{stream.Prefix()}.a";
        await bus.PublishAsync(Envelope(subject, "one", id: "m-1"), cancellationToken);
        await bus.PublishAsync(Envelope(subject, "one", id: "m-1"), cancellationToken);
        await bus.PublishAsync(Envelope(subject, "end", id: "m-2"), cancellationToken);
        await using var probe = new ConsumerProbe(bus, new BusConsumerSpec(stream.Name, "d", null), cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        await first.AckAsync(cancellationToken);
        var second = await probe.NextAsync(Wait, cancellationToken);
        await second.AckAsync(cancellationToken);

        Assert.That(new[] { first.Text(), second.Text() }, Is.EqualTo(new List<string> { "one", "end" }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Publishing_to_a_subject_no_stream_captures_throws_BusNoStreamException(CancellationToken cancellationToken)
    {
        await using var bus = await CreateBusAsync(cancellationToken);
        var subject = $"{Sofia.Testing.TestNames.Unique("nowhere")}.a";

        var error = Assert.ThrowsAsync<BusNoStreamException>(async () => await bus.PublishAsync(Envelope(subject, "x"), cancellationToken));
        await using var publisher = await bus.CreatePublisherAsync(4, cancellationToken);
        var pending = await publisher.PublishAsync(Envelope(subject, "x"), cancellationToken);
        var windowed = Assert.ThrowsAsync<BusNoStreamException>(async () => await pending);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Subject, Is.EqualTo(subject));
            Assert.That(windowed!.Subject, Is.EqualTo(subject));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Delivered_messages_carry_subject_payload_ids_type_and_sequence(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.x.y", "payload", id: "id-7", type: "sofia.v1.Test"), cancellationToken);
        await using var probe = new ConsumerProbe(bus, new BusConsumerSpec(stream.Name, "d", null), cancellationToken);

        var message = await probe.NextAsync(Wait, cancellationToken);
        await message.AckAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(message.Subject, Is.EqualTo($"{stream.Prefix()}.x.y"));
            Assert.That(message.Text(), Is.EqualTo("payload"));
            Assert.That(message.MessageId, Is.EqualTo("id-7"));
            Assert.That(message.MessageType, Is.EqualTo("sofia.v1.Test"));
            Assert.That(message.StreamSequence, Is.EqualTo(1UL));
            Assert.That(message.DeliveryCount, Is.EqualTo(1));
            Assert.That(message.Timestamp, Is.InRange(before, DateTimeOffset.UtcNow.AddSeconds(5)));
            Assert.That(message.Headers, Does.Contain(new KeyValuePair<string, string>(MessageHeaders.MessageType, "sofia.v1.Test")));
        });
    }

    [TestCase("{0}.ticks.*.BTC", new[] { "a-btc", "b-btc" })]
    [TestCase("{0}.ticks.a.>", new[] { "a-btc", "a-eth", "a-deep" })]
    [TestCase("{0}.ticks.>", new[] { "a-btc", "a-eth", "b-btc", "a-deep" })]
    [TestCase("{0}.*.b.*", new[] { "b-btc" })]
    [CancelAfter(20_000)]
    public async Task A_filter_subject_with_wildcards_selects_only_matching_subjects(string filterFormat, string[] expected, CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var p = stream.Prefix();
        await bus.PublishAsync(Envelope($"{p}.ticks.a.BTC", "a-btc"), cancellationToken);
        await bus.PublishAsync(Envelope($"{p}.ticks.a.ETH", "a-eth"), cancellationToken);
        await bus.PublishAsync(Envelope($"{p}.ticks.b.BTC", "b-btc"), cancellationToken);
        await bus.PublishAsync(Envelope($"{p}.other.a.BTC", "other"), cancellationToken);
        await bus.PublishAsync(Envelope($"{p}.ticks.a.deep.BTC", "a-deep"), cancellationToken);
        var filter = string.Format(CultureInfo.InvariantCulture, filterFormat, p);
        await using var probe = new ConsumerProbe(bus, new BusConsumerSpec(stream.Name, "d", filter), cancellationToken);

        var received = new List<string>();
        for (var i = 0; i < expected.Length; i++)
        {
            var message = await probe.NextAsync(Wait, cancellationToken);
            await message.AckAsync(cancellationToken);
            received.Add(message.Text());
        }

        var extra = await probe.NextOrNullAsync(TimeSpan.FromMilliseconds(300), cancellationToken);
        var read = await bus.ReadStreamAsync(stream.Name, filter, 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(expected));
            Assert.That(extra, Is.Null);
            Assert.That(read.Select(m => m.Text()), Is.EqualTo(expected));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_durable_consumer_created_again_resumes_after_the_last_acked_message(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var spec = new BusConsumerSpec(stream.Name, "resume", null) { BatchSize = 1, AckWait = ShortAckWait };
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 6, cancellationToken);

        var firstRun = new List<string>();
        await using (var messages = bus.ConsumeAsync(spec, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            // Read directly (not through a probe) so at most one message beyond those acked is pulled.
            for (var i = 0; i < 3; i++)
            {
                Assert.That(await messages.MoveNextAsync(), Is.True);
                await messages.Current.AckAsync(cancellationToken);
                firstRun.Add(messages.Current.Text());
            }

            // Acks travel asynchronously on NATS: wait until the bus has them before stopping the consumer.
            await EventuallyAsync(ct => AckFloorReachedAsync(bus, stream.Name, "resume", ct), true, Wait, cancellationToken);
        }

        var secondRun = new List<string>();
        await using (var probe = new ConsumerProbe(bus, spec, cancellationToken))
        {
            while (secondRun.Distinct().Count() < 3)
            {
                var message = await probe.NextAsync(Wait, cancellationToken);
                await message.AckAsync(cancellationToken);
                secondRun.Add(message.Text());
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(firstRun, Is.EqualTo(new List<string> { "0", "1", "2" }));
            // A message prefetched but unacked when the first run stopped comes again after the ack wait; none acked does.
            Assert.That(secondRun.Distinct().Order(), Is.EqualTo(new List<string> { "3", "4", "5" }));
        });
    }

    private static async ValueTask<bool> AckFloorReachedAsync(IMessageBus bus, string stream, string durable, CancellationToken cancellationToken)
    {
        var state = await bus.GetConsumerStateAsync(stream, durable, cancellationToken);
        return state.AckPending <= 1;
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_consumer_that_delivers_new_only_skips_what_was_stored_before_it(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 3, cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "new", null) { DeliverFrom = BusDeliverFrom.New };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);
        await EventuallyAsync(async ct => (await TryStateAsync(bus, stream.Name, "new", ct)) is not null, true, Wait, cancellationToken);

        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "later"), cancellationToken);
        var message = await probe.NextAsync(Wait, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(message.Text(), Is.EqualTo("later"));
            Assert.That(message.StreamSequence, Is.EqualTo(4UL));
        });
    }

    private static async ValueTask<BusConsumerState?> TryStateAsync(IMessageBus bus, string stream, string durable, CancellationToken cancellationToken)
    {
        try
        {
            return await bus.GetConsumerStateAsync(stream, durable, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task An_unacked_message_is_redelivered_after_the_ack_wait_with_delivery_count_2(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "once"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "redeliver", null) { AckWait = ShortAckWait };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        var clock = Stopwatch.StartNew();
        var second = await probe.NextAsync(Wait, cancellationToken);
        var waited = clock.Elapsed;
        var redelivered = await bus.GetConsumerStateAsync(stream.Name, "redeliver", cancellationToken);
        await second.AckAsync(cancellationToken);
        var settled = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "redeliver", ct), new BusConsumerState(0, 0, 0), Wait, cancellationToken);
        var third = await probe.NextOrNullAsync(ShortAckWait * 1.5, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.DeliveryCount, Is.EqualTo(1));
            Assert.That(second.DeliveryCount, Is.EqualTo(2));
            Assert.That(second.StreamSequence, Is.EqualTo(first.StreamSequence));
            Assert.That(waited, Is.GreaterThan(ShortAckWait * 0.8));
            Assert.That(redelivered, Is.EqualTo(new BusConsumerState(0, 1, 1)));
            Assert.That(settled, Is.EqualTo(new BusConsumerState(0, 0, 0)));
            Assert.That(third, Is.Null);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_message_kept_in_progress_past_its_ack_wait_is_not_redelivered(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "slow work"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "progress", null) { AckWait = ShortAckWait };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        var held = Stopwatch.StartNew();
        IBusMessage? redelivered = null;

        // Held for three ack waits with a keepalive every quarter of one: without them it would come back within each.
        while (held.Elapsed < ShortAckWait * 3 && redelivered is null)
        {
            await first.InProgressAsync(cancellationToken);
            redelivered = await probe.NextOrNullAsync(ShortAckWait / 4, cancellationToken);
        }

        var heldFor = held.Elapsed;
        await first.AckAsync(cancellationToken);
        var settled = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "progress", ct), new BusConsumerState(0, 0, 0), Wait, cancellationToken);
        var after = await probe.NextOrNullAsync(ShortAckWait * 1.5, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(redelivered, Is.Null, "redelivered while kept in progress");
            Assert.That(heldFor, Is.GreaterThanOrEqualTo(ShortAckWait * 3));
            Assert.That(settled, Is.EqualTo(new BusConsumerState(0, 0, 0)));
            Assert.That(after, Is.Null, "redelivered after the ack");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_nak_with_a_delay_redelivers_after_the_delay(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "retry me"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "nak", null) { AckWait = TimeSpan.FromSeconds(30) };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);
        var delay = TimeSpan.FromMilliseconds(1200);

        var first = await probe.NextAsync(Wait, cancellationToken);
        var clock = Stopwatch.StartNew();
        await first.NakAsync(delay, cancellationToken);
        var second = await probe.NextAsync(Wait, cancellationToken);
        var waited = clock.Elapsed;
        await second.AckAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Text(), Is.EqualTo("retry me"));
            Assert.That(second.DeliveryCount, Is.EqualTo(2));
            Assert.That(waited, Is.GreaterThan(delay * 0.8).And.LessThan(delay + TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_nak_without_delay_redelivers_at_once(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "again"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "nak0", null) { AckWait = TimeSpan.FromSeconds(30) };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        await first.NakAsync(TimeSpan.Zero, cancellationToken);
        var second = await probe.NextAsync(TimeSpan.FromSeconds(5), cancellationToken);

        Assert.That(second.DeliveryCount, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Max_deliver_stops_deliveries_of_a_message_that_is_never_acked(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "poison"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "max", null) { AckWait = ShortAckWait, MaxDeliver = 2 };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        var second = await probe.NextAsync(Wait, cancellationToken);
        var third = await probe.NextOrNullAsync(ShortAckWait * 2.5, cancellationToken);
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "next"), cancellationToken);
        var next = await probe.NextAsync(Wait, cancellationToken);
        await next.AckAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { first.DeliveryCount, second.DeliveryCount }, Is.EqualTo(new List<int> { 1, 2 }));
            Assert.That(third, Is.Null);
            Assert.That(next.Text(), Is.EqualTo("next"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_terminated_message_is_not_delivered_again(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "bad"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "term", null) { AckWait = ShortAckWait };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        await first.TermAsync("cannot parse", cancellationToken);
        var again = await probe.NextOrNullAsync(ShortAckWait * 2, cancellationToken);
        var state = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "term", ct), new BusConsumerState(0, 0, 0), Wait, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.Null);
            Assert.That(state, Is.EqualTo(new BusConsumerState(0, 0, 0)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Consumer_state_counts_pending_and_ack_pending(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 5, cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "state", null) { BatchSize = 1 };

        // Read directly (not through a probe) so nothing is pulled beyond what the test takes.
        await using var messages = bus.ConsumeAsync(spec, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var taken = new List<IBusMessage>();
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await messages.MoveNextAsync(), Is.True);
            taken.Add(messages.Current);
        }

        var delivered = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "state", ct), new BusConsumerState(2, 3, 0), Wait, cancellationToken);
        foreach (var message in taken)
        {
            await message.AckAsync(cancellationToken);
        }

        var acked = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "state", ct), new BusConsumerState(2, 0, 0), Wait, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(taken.Select(m => m.Text()), Is.EqualTo(new List<string> { "0", "1", "2" }));
            Assert.That(delivered, Is.EqualTo(new BusConsumerState(2, 3, 0)));
            Assert.That(acked, Is.EqualTo(new BusConsumerState(2, 0, 0)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_work_queue_removes_a_message_once_it_is_acked(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken, StreamRetention.WorkQueue);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.job", 3, cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "workers", null) { BatchSize = 1 };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var first = await probe.NextAsync(Wait, cancellationToken);
        await first.AckAsync(cancellationToken);
        var left = await EventuallyAsync(
            async ct => string.Join(',', (await bus.ReadStreamAsync(stream.Name, null, 1, ct).ToListAsync(ct)).Select(m => m.Text())),
            "1,2",
            Wait,
            cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Text(), Is.EqualTo("0"));
            Assert.That(left, Is.EqualTo("1,2"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Dead_lettering_publishes_payload_and_reason_then_terminates(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var deadLetters = new StreamDefinition(stream.Name + "_DL", [$"deadletter.{stream.Name}.>"], StreamStorage.Memory, StreamRetention.Limits, TimeSpan.Zero, TimeSpan.FromMinutes(2));
        await bus.EnsureStreamAsync(deadLetters, cancellationToken);
        await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "poison", id: "p-1", type: "sofia.v1.Test"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "dl", null) { AckWait = ShortAckWait };
        await using var probe = new ConsumerProbe(bus, spec, cancellationToken);

        var message = await probe.NextAsync(Wait, cancellationToken);
        await bus.DeadLetterAsync(message, stream.Name, "dl", "cannot\nparse", cancellationToken);
        var again = await probe.NextOrNullAsync(ShortAckWait * 2, cancellationToken);
        var letters = await bus.ReadStreamAsync(deadLetters.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.That(letters, Has.Count.EqualTo(1));
        var letter = letters[0];
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.Null);
            Assert.That(letter.Subject, Is.EqualTo(Subjects.DeadLetter(stream.Name, "dl")));
            Assert.That(letter.Text(), Is.EqualTo("poison"));
            Assert.That(letter.MessageType, Is.EqualTo("sofia.v1.Test"));
            Assert.That(letter.MessageId, Is.EqualTo($"dlq:{stream.Name}:dl:1"));
            Assert.That(letter.Headers, Does.Contain(new KeyValuePair<string, string>(BusHeaders.DeadLetterReason, "cannot parse")));
            Assert.That(letter.Headers, Does.Contain(new KeyValuePair<string, string>(BusHeaders.DeadLetterMessageId, "p-1")));
            Assert.That(letter.Headers, Does.Contain(new KeyValuePair<string, string>(BusHeaders.DeadLetterSequence, "1")));
        });
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
