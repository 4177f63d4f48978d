using System.Diagnostics;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.Testing;
using static Sofia.Messaging.Tests.BusTestKit;

namespace Sofia.Messaging.Tests;

/// <summary>In-process only: time on a manual clock, limits, stream rules and speed.</summary>
[TestFixture]
public sealed class InProcessMessageBusTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Redelivery_is_due_exactly_when_the_ack_wait_has_passed_on_the_clock(CancellationToken cancellationToken)
    {
        var clock = new ManualClock();
        await using var bus = new InProcessMessageBus(clock);
        var stream = NewStream();
        await bus.EnsureStreamAsync(stream, cancellationToken);
        await bus.PublishAsync(Envelope($"{stream.Name}.a", "first"), cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "d", null) { AckWait = TimeSpan.FromSeconds(30) };
        await using var messages = bus.ConsumeAsync(spec, cancellationToken).GetAsyncEnumerator(cancellationToken);

        Assert.That(await messages.MoveNextAsync(), Is.True);
        clock.Advance(TimeSpan.FromSeconds(29));
        // A redelivery that were due would come before a new message.
        await bus.PublishAsync(Envelope($"{stream.Name}.a", "second"), cancellationToken);
        Assert.That(await messages.MoveNextAsync(), Is.True);
        var beforeDue = messages.Current;
        var waiting = messages.MoveNextAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await waiting, Is.True);
        var redelivered = messages.Current;
        var state = await bus.GetConsumerStateAsync(stream.Name, "d", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(beforeDue.Text(), Is.EqualTo("second"));
            Assert.That((redelivered.Text(), redelivered.DeliveryCount), Is.EqualTo(("first", 2)));
            Assert.That(state, Is.EqualTo(new BusConsumerState(0, 2, 1)));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_nak_delay_runs_on_the_clock(CancellationToken cancellationToken)
    {
        var clock = new ManualClock();
        await using var bus = new InProcessMessageBus(clock);
        var stream = NewStream();
        await bus.EnsureStreamAsync(stream, cancellationToken);
        await bus.PublishAsync(Envelope($"{stream.Name}.a", "x"), cancellationToken);
        await using var messages = bus.ConsumeAsync(new BusConsumerSpec(stream.Name, "d", null), cancellationToken).GetAsyncEnumerator(cancellationToken);
        Assert.That(await messages.MoveNextAsync(), Is.True);

        await messages.Current.NakAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var waiting = messages.MoveNextAsync();
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.That(await waiting, Is.True);
        Assert.That(messages.Current.DeliveryCount, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Max_age_and_the_duplicate_window_expire_on_the_clock(CancellationToken cancellationToken)
    {
        var clock = new ManualClock();
        await using var bus = new InProcessMessageBus(clock);
        var stream = NewStream() with { MaxAge = TimeSpan.FromHours(1), DuplicateWindow = TimeSpan.FromMinutes(2) };
        await bus.EnsureStreamAsync(stream, cancellationToken);
        await bus.PublishAsync(Envelope($"{stream.Name}.a", "old", id: "k"), cancellationToken);
        clock.Advance(TimeSpan.FromMinutes(3));
        var again = await bus.PublishAsync(Envelope($"{stream.Name}.a", "same id later", id: "k"), cancellationToken);
        clock.Advance(TimeSpan.FromMinutes(58));

        var kept = await bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(new BusPublishAck(stream.Name, 2, false)));
            Assert.That(kept.Select(m => m.Text()), Is.EqualTo(new List<string> { "same id later" }));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Streams_whose_subjects_overlap_are_refused(CancellationToken cancellationToken)
    {
        await using var bus = new InProcessMessageBus();
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        var overlapping = Streams.Ticks with { Name = "TICKS_TOO", Subjects = ["ticks.*.BTC-USDT"] };

        Assert.ThrowsAsync<InvalidOperationException>(async () => await bus.EnsureStreamAsync(overlapping, cancellationToken));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_consumer_waits_for_a_stream_created_after_it(CancellationToken cancellationToken)
    {
        await using var bus = new InProcessMessageBus();
        var stream = NewStream();
        await using var messages = bus.ConsumeAsync(new BusConsumerSpec(stream.Name, "early", null), cancellationToken).GetAsyncEnumerator(cancellationToken);
        var waiting = messages.MoveNextAsync();

        await bus.EnsureStreamAsync(stream, cancellationToken);
        await bus.PublishAsync(Envelope($"{stream.Name}.a", "hello"), cancellationToken);

        Assert.That(await waiting, Is.True);
        Assert.That(messages.Current.Text(), Is.EqualTo("hello"));
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(60_000)]
    public async Task Publish_consume_and_ack_run_well_above_ten_thousand_messages_a_second(CancellationToken cancellationToken)
    {
        const int Count = 200_000;
        await using var bus = new InProcessMessageBus();
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        var payload = new byte[120];
        var clock = Stopwatch.StartNew();
        var consumer = Task.Run(
            async () =>
            {
                var received = 0;
                await foreach (var message in bus.ConsumeAsync(new BusConsumerSpec(Streams.Ticks.Name, "writer", Subjects.AllTicks), cancellationToken))
                {
                    await message.AckAsync(cancellationToken);
                    if (++received == Count)
                    {
                        return;
                    }
                }
            },
            cancellationToken);
        await using (var publisher = await bus.CreatePublisherAsync(4096, cancellationToken))
        {
            for (var i = 0; i < Count; i++)
            {
                await publisher.PublishAsync(new BusEnvelope(Subjects.Ticks("binance", "BTC-USDT"), payload, null, "sofia.v1.Tick"), cancellationToken);
            }
        }

        await consumer;
        var perSecond = Count / clock.Elapsed.TotalSeconds;
        var state = await bus.GetConsumerStateAsync(Streams.Ticks.Name, "writer", cancellationToken);
        await TestContext.Out.WriteLineAsync($"in-process publish+consume+ack: {perSecond:F0} msgs/s ({Environment.ProcessorCount} cores)");

        Assert.Multiple(() =>
        {
            Assert.That(perSecond, Is.GreaterThan(10_000));
            Assert.That(state, Is.EqualTo(new BusConsumerState(0, 0, 0)));
        });
    }
}
