namespace Sofia.Messaging.Internal;

/// <summary>A stored message handed out by a replay: nothing to acknowledge, so acks, naks and terms do nothing.</summary>
internal sealed class StoredBusMessage(
    string subject,
    ReadOnlyMemory<byte> data,
    IReadOnlyList<KeyValuePair<string, string>> headers,
    ulong sequence,
    DateTimeOffset timestamp) : IBusMessage
{
    public string Subject => subject;

    public ReadOnlyMemory<byte> Data => data;

    public string? MessageId => Find(Contracts.MessageHeaders.MessageId);

    public string? MessageType => Find(Contracts.MessageHeaders.MessageType);

    public IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

    public ulong StreamSequence => sequence;

    public int DeliveryCount => 0;

    public DateTimeOffset Timestamp => timestamp;

    public ValueTask AckAsync(CancellationToken cancellationToken) => default;

    public ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken) => default;

    public ValueTask TermAsync(string reason, CancellationToken cancellationToken) => default;

    public ValueTask InProgressAsync(CancellationToken cancellationToken) => default;

    private string? Find(string key)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}
