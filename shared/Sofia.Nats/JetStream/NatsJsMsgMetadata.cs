using System.Globalization;

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
        if (ackSubject is null || !ackSubject.StartsWith("$JS.ACK.", StringComparison.Ordinal))
        {
            return false;
        }

        var tokens = ackSubject.Split('.');
        int first;
        string? domain = null;
        if (tokens.Length == 9)
        {
            first = 2;
        }
        else if (tokens.Length >= 11)
        {
            first = 4;
            domain = tokens[2] == "_" ? null : tokens[2];
        }
        else
        {
            return false;
        }

        if (!ulong.TryParse(tokens[first + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var delivered)
            || !ulong.TryParse(tokens[first + 3], NumberStyles.None, CultureInfo.InvariantCulture, out var streamSequence)
            || !ulong.TryParse(tokens[first + 4], NumberStyles.None, CultureInfo.InvariantCulture, out var consumerSequence)
            || !long.TryParse(tokens[first + 5], NumberStyles.None, CultureInfo.InvariantCulture, out var nanos)
            || !ulong.TryParse(tokens[first + 6], NumberStyles.None, CultureInfo.InvariantCulture, out var pending))
        {
            return false;
        }

        var timestamp = DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
        metadata = new NatsJsMsgMetadata(tokens[first], tokens[first + 1], domain, delivered, streamSequence, consumerSequence, timestamp, pending);
        return true;
    }
}
