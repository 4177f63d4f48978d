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
}
