using Sofia.Messaging;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>An input message that only notes its acknowledgement, by name, in a shared list.</summary>
internal sealed class RecordedInput(string name, List<string> acknowledged) : IBusMessage
{
    public string Subject => name;

    public ReadOnlyMemory<byte> Data => ReadOnlyMemory<byte>.Empty;

    public string? MessageId => name;

    public string? MessageType => null;

    public ulong StreamSequence => 0;

    public int DeliveryCount => 1;

    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch;

    public ValueTask AckAsync(CancellationToken cancellationToken)
    {
        acknowledged.Add(name);
        return ValueTask.CompletedTask;
    }

    public ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken) => throw new NotSupportedException("only acknowledged");

    public ValueTask TermAsync(string reason, CancellationToken cancellationToken) => throw new NotSupportedException("only acknowledged");

    public ValueTask InProgressAsync(CancellationToken cancellationToken) => throw new NotSupportedException("only acknowledged");
}
