using System.Globalization;
using Sofia.Messaging;
using static Sofia.Messaging.Tests.BusTestKit;

namespace Sofia.Messaging.Tests;

/// <summary>Ordered replay and the windowed publisher.</summary>
public abstract partial class MessageBusContractTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Reading_a_stream_from_1_yields_every_message_in_order_and_completes(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 20, cancellationToken);

        var read = await bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(read.Select(m => m.Text()), Is.EqualTo(Enumerable.Range(0, 20).Select(i => i.ToString(CultureInfo.InvariantCulture))));
            Assert.That(read.Select(m => m.StreamSequence), Is.EqualTo(Enumerable.Range(1, 20).Select(i => (ulong)i)));
            Assert.That(read.Select(m => m.DeliveryCount), Is.All.EqualTo(0));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Reading_from_a_middle_sequence_starts_there(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 10, cancellationToken);

        var read = await bus.ReadStreamAsync(stream.Name, null, 7, cancellationToken).ToListAsync(cancellationToken);
        var past = await bus.ReadStreamAsync(stream.Name, null, 11, cancellationToken).ToListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(read.Select(m => m.StreamSequence), Is.EqualTo(new List<ulong> { 7, 8, 9, 10 }));
            Assert.That(read.Select(m => m.Text()), Is.EqualTo(new List<string> { "6", "7", "8", "9" }));
            Assert.That(past, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Reading_with_a_filter_yields_only_matching_messages_and_completes_even_when_the_stream_ends_otherwise(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        var p = stream.Prefix();
        for (var i = 0; i < 9; i++)
        {
            await bus.PublishAsync(Envelope(i % 3 == 0 ? $"{p}.fills.x" : $"{p}.orders.x", i.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        }

        await bus.PublishAsync(Envelope($"{p}.orders.y", "last"), cancellationToken);

        var fills = await bus.ReadStreamAsync(stream.Name, $"{p}.fills.*", 1, cancellationToken).ToListAsync(cancellationToken);
        var laterFills = await bus.ReadStreamAsync(stream.Name, $"{p}.fills.>", 5, cancellationToken).ToListAsync(cancellationToken);
        var none = await bus.ReadStreamAsync(stream.Name, $"{p}.nothing.>", 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fills.Select(m => m.Text()), Is.EqualTo(new List<string> { "0", "3", "6" }));
            Assert.That(fills.Select(m => m.StreamSequence), Is.EqualTo(new List<ulong> { 1, 4, 7 }));
            Assert.That(laterFills.Select(m => m.Text()), Is.EqualTo(new List<string> { "6" }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Reading_an_empty_stream_completes_at_once(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;

        var read = await bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);

        Assert.That(read, Is.Empty);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Reading_stops_at_the_last_message_stored_when_the_read_began(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        await bus.PublishTextsAsync($"{stream.Prefix()}.a", 3, cancellationToken);

        var read = new List<string>();
        await foreach (var message in bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken))
        {
            if (read.Count == 0)
            {
                await bus.PublishAsync(Envelope($"{stream.Prefix()}.a", "later"), cancellationToken);
            }

            read.Add(message.Text());
        }

        Assert.That(read, Is.EqualTo(new List<string> { "0", "1", "2" }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_windowed_publisher_keeps_many_in_flight_and_acks_each_with_its_own_sequence(CancellationToken cancellationToken)
    {
        var (bus, stream) = await StartAsync(cancellationToken);
        await using var owned = bus;
        const int Count = 2_000;
        var acks = new List<Task<BusPublishAck>>(Count);
        await using (var publisher = await bus.CreatePublisherAsync(64, cancellationToken))
        {
            for (var i = 0; i < Count; i++)
            {
                var text = i.ToString(CultureInfo.InvariantCulture);
                acks.Add(await publisher.PublishAsync(Envelope($"{stream.Prefix()}.w", text, id: "w-" + text), cancellationToken));
            }

            await Task.WhenAll(acks);
        }

        var duplicate = await bus.PublishAsync(Envelope($"{stream.Prefix()}.w", "0", id: "w-0"), cancellationToken);
        var stored = await bus.ReadStreamAsync(stream.Name, null, 1, cancellationToken).ToListAsync(cancellationToken);
        var payloadBySequence = stored.ToDictionary(m => m.StreamSequence, m => m.Text());
        var sequences = acks.Select(a => a.Result.Sequence).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(sequences.Order(), Is.EqualTo(Enumerable.Range(1, Count).Select(i => (ulong)i)));
            Assert.That(acks.Select(a => a.Result.Duplicate), Is.All.False);
            // Each ack names the sequence its own payload was stored under.
            Assert.That(Enumerable.Range(0, Count).All(i => payloadBySequence[sequences[i]] == i.ToString(CultureInfo.InvariantCulture)), Is.True);
            Assert.That(duplicate.Duplicate, Is.True);
            Assert.That(stored, Has.Count.EqualTo(Count));
        });
    }
}
