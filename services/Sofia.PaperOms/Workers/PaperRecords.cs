using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Messaging;

namespace Sofia.PaperOms.Workers;

/// <summary>The OMS's own records, read back from the orders and fills streams.</summary>
internal static class PaperRecords
{
    /// <summary>
    /// Every record once (by book and book sequence), each book's in sequence order, and the fills of all books in the
    /// order the fills stream holds them: the combined ledger nets fills of several books per market at average cost,
    /// so its realized PnL is only restored exactly when fills are booked again in their original order.
    /// </summary>
    public static async Task<List<(string Book, ulong Sequence, IMessage Record)>> ReadAsync(IMessageBus bus, CancellationToken cancellationToken)
    {
        var records = new Dictionary<(string Book, ulong Sequence), IMessage>();
        var fillOrder = new List<(string Book, ulong Sequence)>();
        foreach (var stream in new[] { Streams.Orders.Name, Streams.Fills.Name })
        {
            await foreach (var message in bus.ReadStreamAsync(stream, null, 1, cancellationToken))
            {
                // A record published twice (after a crash, outside the duplicate window) counts once.
                if (PaperCodec.ToRecord(message) is { } record && records.TryAdd((record.Book, record.Sequence), record.Record)
                    && stream == Streams.Fills.Name)
                {
                    fillOrder.Add((record.Book, record.Sequence));
                }
            }
        }

        return Interleave(records, fillOrder);
    }

    /// <summary>
    /// Each book's runs of missing sequences. A book numbers its records from 1 without holes and the orders and fills
    /// streams keep them for ever, so a hole is a lost record: nats-server and then the OMS died before the OMS had
    /// stored its outstanding records again. The rebuilt state then differs from what the OMS did.
    /// </summary>
    public static List<MissingRecords> FindMissing(IEnumerable<(string Book, ulong Sequence, IMessage Record)> records)
    {
        var missing = new List<MissingRecords>();
        foreach (var book in records.GroupBy(r => r.Book, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var expected = 1UL;
            foreach (var sequence in book.Select(r => r.Sequence).Order())
            {
                if (sequence > expected)
                {
                    missing.Add(new MissingRecords(book.Key, expected, sequence - 1));
                }

                expected = sequence + 1;
            }
        }

        return missing;
    }

    /// <summary>Walks the fills in stream order, emitting each fill's book up to that fill, then the rest of every book.</summary>
    internal static List<(string Book, ulong Sequence, IMessage Record)> Interleave(
        Dictionary<(string Book, ulong Sequence), IMessage> records, List<(string Book, ulong Sequence)> fillOrder)
    {
        var books = records
            .GroupBy(p => p.Key.Book, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<KeyValuePair<(string Book, ulong Sequence), IMessage>>(g.OrderBy(p => p.Key.Sequence)), StringComparer.Ordinal);
        var ordered = new List<(string Book, ulong Sequence, IMessage Record)>(records.Count);
        foreach (var (book, sequence) in fillOrder)
        {
            var queue = books[book];
            while (queue.TryPeek(out var next) && next.Key.Sequence <= sequence)
            {
                queue.Dequeue();
                ordered.Add((book, next.Key.Sequence, next.Value));
            }
        }

        foreach (var (book, queue) in books)
        {
            while (queue.TryDequeue(out var next))
            {
                ordered.Add((book, next.Key.Sequence, next.Value));
            }
        }

        return ordered;
    }
}
