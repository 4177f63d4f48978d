using Sofia.Messaging;
using static Sofia.Messaging.Tests.BusTestKit;

namespace Sofia.Messaging.Tests;

/// <summary>Consumers with <see cref="BusConsumerSpec.AckAll"/>: one ack settles everything delivered up to it.</summary>
public abstract partial class MessageBusContractTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task With_ack_all_acking_a_message_settles_every_earlier_delivery_and_nothing_later(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 5, cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "all", null) { BatchSize = 1, AckAll = true, AckWait = ShortAckWait * 2 };

        await using var messages = bus.ConsumeAsync(spec, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var taken = new List<IBusMessage>();
        for (var i = 0; i < 4; i++)
        {
            Assert.That(await messages.MoveNextAsync(), Is.True);
            taken.Add(messages.Current);
        }

        // Delivered 0..3; acking 2 settles 0, 1 and 2, and leaves 3 pending (one message not yet delivered).
        await taken[2].AckAsync(cancellationToken);
        var afterAck = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "all", ct), new BusConsumerState(1, 1, 0), Wait, cancellationToken);

        // 4 is delivered next; 3, never acked, comes back after its ack wait; acking 4 then settles 3 as well.
        Assert.That(await messages.MoveNextAsync(), Is.True);
        var fourth = messages.Current;
        Assert.That(await messages.MoveNextAsync(), Is.True);
        var again = messages.Current;
        await fourth.AckAsync(cancellationToken);
        var settled = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "all", ct), new BusConsumerState(0, 0, 0), Wait, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(taken.Select(m => m.Text()), Is.EqualTo(new List<string> { "0", "1", "2", "3" }));
            Assert.That(afterAck, Is.EqualTo(new BusConsumerState(1, 1, 0)));
            Assert.That((fourth.Text(), fourth.DeliveryCount), Is.EqualTo(("4", 1)));
            Assert.That((again.Text(), again.DeliveryCount), Is.EqualTo(("3", 2)));
            Assert.That(settled, Is.EqualTo(new BusConsumerState(0, 0, 0)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_durables_ack_policy_cannot_change(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 1, cancellationToken);
        var spec = new BusConsumerSpec(stream.Name, "policy", null);
        await using (var probe = new ConsumerProbe(bus, spec, cancellationToken))
        {
            await (await probe.NextAsync(Wait, cancellationToken)).AckAsync(cancellationToken);
        }

        await using var changed = bus.ConsumeAsync(spec with { AckAll = true }, cancellationToken).GetAsyncEnumerator(cancellationToken);

        var error = Assert.ThrowsAsync(Is.InstanceOf<Exception>(), async () => await changed.MoveNextAsync());
        Assert.That(error!.Message, Does.Contain("ack policy").IgnoreCase);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_ack_all_durable_opened_again_first_redelivers_what_the_earlier_reader_left_unacked(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 6, cancellationToken);

        // A long ack wait: anything that comes back within the test came back because the durable was opened again.
        var spec = new BusConsumerSpec(stream.Name, "rewind", null) { BatchSize = 1, AckAll = true, AckWait = TimeSpan.FromMinutes(5) };
        await using (var earlier = bus.ConsumeAsync(spec, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            var taken = new List<IBusMessage>();
            for (var i = 0; i < 4; i++)
            {
                Assert.That(await earlier.MoveNextAsync(), Is.True);
                taken.Add(earlier.Current);
            }

            // 0 and 1 are settled; 2 and 3 are left unacked when this reader goes away.
            await taken[1].AckAsync(cancellationToken);
            await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "rewind", ct), new BusConsumerState(1, 2, 0), Wait, cancellationToken);
        }

        await using var later = bus.ConsumeAsync(spec, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var received = new List<string>();
        IBusMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            Assert.That(await later.MoveNextAsync(), Is.True);
            last = later.Current;
            received.Add(last.Text());
        }

        await last.AckAsync(cancellationToken);
        var settled = await EventuallyAsync(ct => bus.GetConsumerStateAsync(stream.Name, "rewind", ct), new BusConsumerState(0, 0, 0), Wait, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new List<string> { "2", "3", "4", "5" }));
            Assert.That(settled, Is.EqualTo(new BusConsumerState(0, 0, 0)));
        });
    }
}
