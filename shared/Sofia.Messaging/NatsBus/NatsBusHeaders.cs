using Sofia.Contracts;
using Sofia.Nats;

namespace Sofia.Messaging.NatsBus;

/// <summary>Envelope fields to NATS headers and back.</summary>
internal static class NatsBusHeaders
{
    /// <summary>The headers of a publish, without <c>Nats-Msg-Id</c> (the publish options set it); null when there are none.</summary>
    public static NatsHeaders? From(in BusEnvelope message)
    {
        if (message.MessageType is null && message.Headers is not { Count: > 0 })
        {
            return null;
        }

        var headers = new NatsHeaders();
        if (message.MessageType is { } type)
        {
            headers.Add(MessageHeaders.MessageType, type);
        }

        if (message.Headers is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                if (!string.Equals(key, MessageHeaders.MessageId, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(key, MessageHeaders.MessageType, StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add(key, value);
                }
            }
        }

        return headers;
    }
}
