using Google.Protobuf;
using Sofia.Messaging;
using Sofia.Nats.JetStream;

namespace Sofia.EndToEndTests.Harness;

/// <summary>Reads a whole stream back as protobuf messages, in stream order.</summary>
internal static class StreamContents
{
    /// <summary>Every message of <paramref name="stream"/> matching <paramref name="filter"/>, with its message id.</summary>
    public static async Task<List<(T Message, string? MessageId, ulong Sequence)>> ReadAsync<T>(
        IMessageBus bus, string stream, string filter, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var messages = new List<(T, string?, ulong)>();
        try
        {
            await foreach (var message in bus.ReadStreamAsync(stream, filter, 1, cancellationToken))
            {
                messages.Add((parser.ParseFrom(message.Data.Span), message.MessageId, message.StreamSequence));
            }
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == 10059)
        {
            // Not created yet (JetStream 10059: stream not found): nothing stored.
        }

        return messages;
    }
}
