using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

public sealed class RingBufferTests
{
    [Test]
    public void Ring_buffer_indexes_by_age_and_evicts_the_oldest()
    {
        var ring = new RingBuffer<int>(3);
        Assert.That(ring.Add(1, out _), Is.False);
        ring.Add(2);
        ring.Add(3);
        Assert.That(ring.IsFull, Is.True);
        Assert.That(ring.Add(4, out var evicted), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(evicted, Is.EqualTo(1));
            Assert.That(ring.Newest, Is.EqualTo(4));
            Assert.That(ring[1], Is.EqualTo(3));
            Assert.That(ring.Oldest, Is.EqualTo(2));
            Assert.That(ring.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public void Ring_buffer_rejects_an_age_it_does_not_hold()
    {
        var ring = new RingBuffer<double>(4);
        ring.Add(1.5);
        Assert.That(() => ring[1], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Cleared_ring_buffer_is_empty()
    {
        var ring = new RingBuffer<double>(2);
        ring.Add(1);
        ring.Add(2);
        ring.Clear();
        Assert.That(ring.Count, Is.Zero);
        ring.Add(9);
        Assert.That(ring.Oldest, Is.EqualTo(9));
    }
}
