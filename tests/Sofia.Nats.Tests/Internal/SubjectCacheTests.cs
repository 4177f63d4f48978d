using System.Text;
using Sofia.Nats.Internal;

namespace Sofia.Nats.Tests.Internal;

public sealed class SubjectCacheTests
{
    [Test]
    public void Interleaved_subjects_each_come_back_as_the_same_string()
    {
        var cache = new SubjectCache();
        var subjects = Enumerable.Range(0, 16).Select(i => $"ticks.exchange{i % 4}.SYMBOL{i}").ToArray();
        var first = subjects.Select(s => cache.Get(Encoding.UTF8.GetBytes(s))).ToArray();

        var again = subjects.Reverse().Select(s => cache.Get(Encoding.UTF8.GetBytes(s))).Reverse().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(subjects));
            Assert.That(again.Zip(first).All(pair => ReferenceEquals(pair.First, pair.Second)), Is.True, "a string was created again");
        });
    }

    [Test]
    public void More_subjects_than_it_keeps_and_long_ones_are_still_returned_exactly()
    {
        var cache = new SubjectCache();
        var subjects = Enumerable.Range(0, SubjectCache.MaxEntries + 100).Select(i => $"orders.{i}.é")
            .Append("long." + new string('x', 300))
            .ToArray();

        var read = subjects.Select(s => cache.Get(Encoding.UTF8.GetBytes(s))).ToArray();

        Assert.That(read, Is.EqualTo(subjects));
    }
}
