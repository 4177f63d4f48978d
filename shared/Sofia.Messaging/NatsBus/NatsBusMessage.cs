using System.Runtime.CompilerServices;
using Sofia.Contracts;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Messaging.NatsBus;

/// <summary>A JetStream message as an <see cref="IBusMessage"/>; a replayed one has nothing to acknowledge.</summary>
internal sealed class NatsBusMessage : IBusMessage
{
    private readonly NatsJsMsg _msg;
    private readonly bool _replay;
    private StrongBox<NatsJsMsgMetadata>? _metadata;
    private NatsHeaders? _headers;
    private bool _headersRead;

    public NatsBusMessage(NatsJsMsg msg, bool replay = false)
    {
        _msg = msg;
        _replay = replay;
    }

    public string Subject => _msg.Subject;

    public ReadOnlyMemory<byte> Data => _msg.Data;

    public string? MessageId => ParsedHeaders?[MessageHeaders.MessageId];

    public string? MessageType => ParsedHeaders?[MessageHeaders.MessageType];

    public IReadOnlyList<KeyValuePair<string, string>> Headers => ParsedHeaders?.Entries ?? [];

    public ulong StreamSequence => _metadata?.Value.StreamSequence ?? _msg.StreamSequence;

    public int DeliveryCount => _replay ? 0 : (int)Math.Min(int.MaxValue, Metadata.NumDelivered);

    public DateTimeOffset Timestamp => Metadata.Timestamp;

    // Received headers are parsed on each read of NatsJsMsg.Headers: once here, on first use.
    private NatsHeaders? ParsedHeaders
    {
        get
        {
            if (!_headersRead)
            {
                _headers = _msg.Headers;
                _headersRead = true;
            }

            return _headers;
        }
    }

    // Parsed from the reply subject on first use (boxed, so a message that never needs it stays small).
    private NatsJsMsgMetadata Metadata => (_metadata ??= new StrongBox<NatsJsMsgMetadata>(_msg.Metadata)).Value;

    public ValueTask AckAsync(CancellationToken cancellationToken) => _replay ? default : _msg.AckAsync(cancellationToken);

    public ValueTask NakAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        _replay ? default : _msg.NakAsync(delay, cancellationToken);

    public ValueTask TermAsync(string reason, CancellationToken cancellationToken) =>
        _replay ? default : _msg.TermAsync(reason, cancellationToken);

    // +WPI: the server restarts this message's ack wait.
    public ValueTask InProgressAsync(CancellationToken cancellationToken) =>
        _replay ? default : _msg.InProgressAsync(cancellationToken);
}
