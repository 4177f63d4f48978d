namespace Sofia.Nats;

/// <summary>A received message. The payload is owned by the message and stays valid.</summary>
public readonly struct NatsMsg
{
    private readonly NatsConnection? _connection;

    /// <summary>Creates a message (for tests and in-process use).</summary>
    public NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data)
        : this(subject, replyTo, headers, data, null)
    {
    }

    internal NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data, NatsConnection? connection)
    {
        Subject = subject;
        ReplyTo = replyTo;
        Headers = headers;
        Data = data;
        _connection = connection;
    }

    /// <summary>The subject it was published to.</summary>
    public string Subject { get; }

    /// <summary>Where a reply goes, if the publisher asked for one.</summary>
    public string? ReplyTo { get; }

    /// <summary>Headers, or null when the message had none.</summary>
    public NatsHeaders? Headers { get; }

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    internal NatsConnection? Connection => _connection;

    /// <summary>Publishes a reply to <see cref="ReplyTo"/>.</summary>
    /// <exception cref="InvalidOperationException">The message has no reply subject or no connection.</exception>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> data, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        if (ReplyTo is null || _connection is null)
        {
            throw new InvalidOperationException("The message has no reply subject.");
        }

        return _connection.PublishAsync(ReplyTo, data, headers, null, cancellationToken);
    }
}
