using Sofia.Contracts;

namespace Sofia.Messaging.InProcess;

/// <summary>One message held by an in-process stream; as an <see cref="IBusMessage"/> it is the replay view (nothing to ack).</summary>
internal sealed class StoredMessage(
    ulong sequence,
    string subject,
    byte[] data,
    string? messageId,
    string? messageType,
    IReadOnlyList<KeyValuePair<string, string>> headers,
    DateTimeOffset timestamp) : IBusMessage
{
    public ulong StreamSequence => sequence;

    public string Subject => subject;

    public ReadOnlyMemory<byte> Data => data;

    public string? MessageId => messageId;

    public string? MessageType => messageType;

    public IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

    public int DeliveryCount => 0;

    public DateTimeOffset Timestamp => timestamp;

    public ValueTask AckAsync(CancellationToken cancellationToken) => default;

    public ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken) => default;

    public ValueTask TermAsync(string reason, CancellationToken cancellationToken) => default;

    public ValueTask InProgressAsync(CancellationToken cancellationToken) => default;

    public static StoredMessage From(in BusEnvelope envelope, ulong sequence, DateTimeOffset timestamp)
    {
        var extra = envelope.Headers?.Count ?? 0;
        var headers = new List<KeyValuePair<string, string>>(extra + 2);
        if (envelope.MessageId is { } id)
        {
            headers.Add(new(MessageHeaders.MessageId, id));
        }

        if (envelope.MessageType is { } type)
        {
            headers.Add(new(MessageHeaders.MessageType, type));
        }

        if (envelope.Headers is { } more)
        {
            foreach (var header in more)
            {
                if (!string.Equals(header.Key, MessageHeaders.MessageId, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(header.Key, MessageHeaders.MessageType, StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add(header);
                }
            }
        }

        return new StoredMessage(sequence, envelope.Subject, envelope.Data.ToArray(), envelope.MessageId, envelope.MessageType, headers, timestamp);
    }
}
