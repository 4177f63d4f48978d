using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sofia.Nats.JetStream;

/// <summary>What the ack subject of a JetStream message says about it.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Consumer">The consumer.</param>
/// <param name="Domain">The JetStream domain, or null.</param>
/// <param name="NumDelivered">How many times it has been delivered (1 the first time).</param>
/// <param name="StreamSequence">Its stream sequence.</param>
/// <param name="ConsumerSequence">Its consumer sequence.</param>
/// <param name="Timestamp">When the stream stored it.</param>
/// <param name="NumPending">Messages after it not yet delivered to the consumer.</param>
public readonly record struct NatsJsMsgMetadata(
    string Stream,
    string Consumer,
    string? Domain,
    ulong NumDelivered,
    ulong StreamSequence,
    ulong ConsumerSequence,
    DateTimeOffset Timestamp,
    ulong NumPending)
{
    /// <summary>
    /// Parses <c>$JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;sseq&gt;.&lt;cseq&gt;.&lt;ts&gt;.&lt;pending&gt;</c> (9 tokens) and
    /// <c>$JS.ACK.&lt;domain&gt;.&lt;account hash&gt;.&lt;stream&gt;.…&lt;pending&gt;[.&lt;token&gt;]</c> (11 or more).
    /// </summary>
    public static bool TryParse(string? ackSubject, out NatsJsMsgMetadata metadata)
    {
        metadata = default;
        return ackSubject is not null && TryParse(Encoding.UTF8.GetBytes(ackSubject), out metadata);
    }

    /// <summary>Parses the ack subject as received (UTF-8); only the stream, consumer and domain become strings.</summary>
    public static bool TryParse(ReadOnlySpan<byte> ackSubject, out NatsJsMsgMetadata metadata)
    {
        metadata = default;
        if (!TryLocate(ackSubject, out var tokens, out var first)
            || !TryReadNumber(ackSubject[tokens[first + 2]], out var delivered)
            || !TryReadNumber(ackSubject[tokens[first + 3]], out var streamSequence)
            || !TryReadNumber(ackSubject[tokens[first + 4]], out var consumerSequence)
            || !TryReadNumber(ackSubject[tokens[first + 5]], out var nanos)
            || !TryReadNumber(ackSubject[tokens[first + 6]], out var pending)
            || nanos > long.MaxValue)
        {
            return false;
        }

        var domain = first == 4 && !ackSubject[tokens[2]].SequenceEqual("_"u8) ? Encoding.UTF8.GetString(ackSubject[tokens[2]]) : null;
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)nanos / 100);
        metadata = new NatsJsMsgMetadata(
            Encoding.UTF8.GetString(ackSubject[tokens[first]]),
            Encoding.UTF8.GetString(ackSubject[tokens[first + 1]]),
            domain,
            delivered,
            streamSequence,
            consumerSequence,
            timestamp,
            pending);
        return true;
    }

    /// <summary>Only the stream sequence, without creating any string: what a batch consumer needs to ack the highest.</summary>
    public static bool TryParseStreamSequence(ReadOnlySpan<byte> ackSubject, out ulong streamSequence)
    {
        streamSequence = 0;
        return TryLocate(ackSubject, out var tokens, out var first) && TryReadNumber(ackSubject[tokens[first + 3]], out streamSequence);
    }

    // Finds the first 11 tokens and counts them all; first is where the stream name is (2 without a domain, 4 with one).
    private static bool TryLocate(ReadOnlySpan<byte> ackSubject, out TokenRanges tokens, out int first)
    {
        tokens = default;
        first = 0;
        if (!ackSubject.StartsWith("$JS.ACK."u8))
        {
            return false;
        }

        var count = 0;
        var start = 0;
        while (true)
        {
            var dot = ackSubject[start..].IndexOf((byte)'.');
            var end = dot < 0 ? ackSubject.Length : start + dot;
            if (count < TokensKept)
            {
                tokens[count] = new Range(start, end);
            }

            count++;
            if (dot < 0)
            {
                break;
            }

            start = end + 1;
        }

        first = count == 9 ? 2 : count >= 11 ? 4 : 0;
        return first != 0;
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> token, out ulong value) =>
        Utf8Parser.TryParse(token, out value, out var consumed) && consumed == token.Length && token[0] is >= (byte)'0' and <= (byte)'9';

    private const int TokensKept = 11;

    [InlineArray(TokensKept)]
    private struct TokenRanges
    {
        private Range _first;
    }
}
