using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Sofia.PaperOms.Workers;

namespace Sofia.PaperOms.Tests;

public sealed class PaperRecordsTests
{
    private static readonly string[] FillsInStreamOrder = ["b1", "b2-fill", "a1", "a2-fill", "a3"];
    private static readonly string[] BookThenSequence = ["a1", "a2", "b1"];

    [Test]
    public void Interleave_keeps_each_book_in_sequence_and_the_fills_in_stream_order()
    {
        // Book a: 1 intent, 2 fill, 3 checkpoint. Book b: 1 intent, 2 fill. The fills stream held b's fill before a's.
        var records = new Dictionary<(string Book, ulong Sequence), IMessage>
        {
            [("a", 1)] = new StringValue { Value = "a1" },
            [("a", 2)] = new StringValue { Value = "a2-fill" },
            [("a", 3)] = new StringValue { Value = "a3" },
            [("b", 1)] = new StringValue { Value = "b1" },
            [("b", 2)] = new StringValue { Value = "b2-fill" },
        };

        var ordered = PaperRecords.Interleave(records, [("b", 2), ("a", 2)]);

        Assert.That(
            ordered.Select(r => ((StringValue)r.Record).Value),
            Is.EqualTo(FillsInStreamOrder));
    }

    [Test]
    public void Interleave_without_fills_orders_by_book_then_sequence()
    {
        var records = new Dictionary<(string Book, ulong Sequence), IMessage>
        {
            [("b", 1)] = new StringValue { Value = "b1" },
            [("a", 2)] = new StringValue { Value = "a2" },
            [("a", 1)] = new StringValue { Value = "a1" },
        };

        var ordered = PaperRecords.Interleave(records, []);

        Assert.That(ordered.Select(r => ((StringValue)r.Record).Value), Is.EqualTo(BookThenSequence));
    }

    [Test]
    public void FindMissing_names_each_books_runs_of_absent_sequences()
    {
        // Book a holds 1, 2, 4, 5, 8 (3 and 6..7 lost); b starts at 2 (1 lost); c is whole.
        var held = new[] { ("a", 1UL), ("a", 2UL), ("a", 4UL), ("a", 5UL), ("a", 8UL), ("b", 2UL), ("b", 3UL), ("c", 1UL), ("c", 2UL) };
        var records = held.Reverse().Select(h => (h.Item1, h.Item2, (IMessage)new StringValue { Value = h.Item1 }));

        var missing = PaperRecords.FindMissing(records);

        Assert.That(missing, Is.EqualTo(new[]
        {
            new MissingRecords("a", 3, 3),
            new MissingRecords("a", 6, 7),
            new MissingRecords("b", 1, 1),
        }));
        Assert.That(missing.Sum(m => (long)m.Count), Is.EqualTo(4));
    }
}
