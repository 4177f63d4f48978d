using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Messaging;

namespace Sofia.PaperOms.Workers;

/// <summary>The OMS's own records, read back from the orders and fills streams.</summary>
internal static class PaperRecords
{
    /// <summary>Every record once (by book and book sequence), ordered by book then sequence.</summary>
    public static async Task<List<(string Book, ulong Sequence, IMessage Record)>> ReadAsync(IMessageBus bus, CancellationToken cancellationToken)
    {
        var records = new Dictionary<(string Book, ulong Sequence), IMessage>();
        foreach (var stream in new[] { Streams.Orders.Name, Streams.Fills.Name })
        {
            await foreach (var message in bus.ReadStreamAsync(stream, null, 1, cancellationToken))
            {
                // A record published twice (after a crash, outside the duplicate window) counts once.
                if (PaperCodec.ToRecord(message) is { } record)
                {
                    records.TryAdd((record.Book, record.Sequence), record.Record);
                }
            }
        }

        return [.. records.OrderBy(p => p.Key.Book, StringComparer.Ordinal).ThenBy(p => p.Key.Sequence).Select(p => (p.Key.Book, p.Key.Sequence, p.Value))];
    }
}
