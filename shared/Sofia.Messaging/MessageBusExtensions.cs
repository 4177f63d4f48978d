using System.Globalization;
using Sofia.Contracts;

namespace Sofia.Messaging;

/// <summary>Operations built on <see cref="IMessageBus"/> that behave the same on every implementation.</summary>
public static class MessageBusExtensions
{
    /// <summary>
    /// Publishes <paramref name="message"/> (payload, type and headers) to <see cref="Subjects.DeadLetter"/> of
    /// <paramref name="stream"/> and <paramref name="durable"/> with the <see cref="BusHeaders"/> dead-letter headers, then
    /// terminates it. The dead letter's message id is derived from stream, durable and sequence, so dead-lettering the
    /// same message again (after a crash in between) stores it once. The <see cref="Streams.DeadLetters"/> stream must exist.
    /// </summary>
    public static async ValueTask DeadLetterAsync(
        this IMessageBus bus,
        IBusMessage message,
        string stream,
        string durable,
        string reason,
        CancellationToken cancellationToken)
    {
        await bus.PublishDeadLetterAsync(message, stream, durable, reason, cancellationToken);
        await message.TermAsync(reason, cancellationToken);
    }

    /// <summary>
    /// As <see cref="DeadLetterAsync"/>, without terminating the message: for a consumer that acks all
    /// (<see cref="BusConsumerSpec.AckAll"/>), where a term settles every earlier message as an ack does, so the dead
    /// letter is settled by the ack that follows the messages before it.
    /// </summary>
    public static async ValueTask PublishDeadLetterAsync(
        this IMessageBus bus,
        IBusMessage message,
        string stream,
        string durable,
        string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(durable);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in message.Headers)
        {
            // The bus's own headers (Nats-Msg-Id and the like) describe the original publish, not the dead letter.
            if (!header.Key.StartsWith("Nats-", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(header.Key, MessageHeaders.MessageType, StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header);
            }
        }

        var sequence = message.StreamSequence.ToString(CultureInfo.InvariantCulture);
        headers.Add(new(BusHeaders.DeadLetterReason, OneLine(reason)));
        headers.Add(new(BusHeaders.DeadLetterStream, stream));
        headers.Add(new(BusHeaders.DeadLetterConsumer, durable));
        headers.Add(new(BusHeaders.DeadLetterSubject, message.Subject));
        headers.Add(new(BusHeaders.DeadLetterSequence, sequence));
        headers.Add(new(BusHeaders.DeadLetterDeliveries, message.DeliveryCount.ToString(CultureInfo.InvariantCulture)));
        if (message.MessageId is { } originalId)
        {
            headers.Add(new(BusHeaders.DeadLetterMessageId, originalId));
        }

        var envelope = new BusEnvelope(Subjects.DeadLetter(stream, durable), message.Data, $"dlq:{stream}:{durable}:{sequence}", message.MessageType)
        {
            Headers = headers,
        };
        await bus.PublishAsync(envelope, cancellationToken);
    }

    private static string OneLine(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ");
        return line.Length > 512 ? line[..512] : line;
    }
}
