using System.Text;

namespace Sofia.Nats;

/// <summary>A received message. The payload is owned by the message and stays valid.</summary>
public readonly struct NatsMsg
{
    private readonly NatsConnection? _connection;
    private readonly string? _replyTo;

    private readonly NatsHeaders? _headers;

    /// <summary>The reply subject as received, when the message came from the server.</summary>
    private readonly ReadOnlyMemory<byte> _replyToUtf8;

    /// <summary>The header block as received (NATS/1.0 line included), when the message came from the server.</summary>
    private readonly ReadOnlyMemory<byte> _headerBlock;

    /// <summary>Creates a message (for tests and in-process use).</summary>
    public NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data)
        : this(subject, replyTo, headers, data, null)
    {
    }

    internal NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data, NatsConnection? connection)
    {
        Subject = subject;
        _replyTo = replyTo;
        _headers = headers;
        Data = data;
        _connection = connection;
    }

    /// <summary>A received message: reply subject and header block as received, parsed only when read.</summary>
    internal NatsMsg(string subject, ReadOnlyMemory<byte> replyToUtf8, ReadOnlyMemory<byte> headerBlock, ReadOnlyMemory<byte> data, NatsConnection? connection)
    {
        Subject = subject;
        _replyToUtf8 = replyToUtf8;
        _headerBlock = headerBlock;
        Data = data;
        _connection = connection;
    }

    /// <summary>The subject it was published to.</summary>
    public string Subject { get; }

    /// <summary>Where a reply goes, if the publisher asked for one.</summary>
    /// <remarks>A received message keeps it as bytes: each read creates the string.</remarks>
    public string? ReplyTo => _replyTo ?? (_replyToUtf8.IsEmpty ? null : Encoding.UTF8.GetString(_replyToUtf8.Span));

    /// <summary>Headers, or null when the message had none.</summary>
    /// <remarks>
    /// A received message keeps its header block as bytes and parses it on each read (a consumer that never looks at
    /// headers pays nothing): read it once and keep the result.
    /// </remarks>
    /// <exception cref="NatsProtocolException">The received header block is malformed.</exception>
    public NatsHeaders? Headers => _headers ?? (_headerBlock.IsEmpty ? null : NatsHeaders.Parse(_headerBlock.Span));

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    internal NatsConnection? Connection => _connection;

    /// <summary>The reply subject as received (UTF-8), or empty for a message made from strings.</summary>
    internal ReadOnlySpan<byte> ReplyToUtf8 => _replyToUtf8.Span;

    /// <summary>True when the message has a reply subject.</summary>
    internal bool HasReplyTo => _replyTo is not null || !_replyToUtf8.IsEmpty;

    /// <summary>
    /// Publishes <paramref name="data"/> to the reply subject through <paramref name="connection"/>,
    /// from the received bytes when there are some (no string, no re-validation of a server-given subject).
    /// </summary>
    internal ValueTask PublishToReplyAsync(NatsConnection connection, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _replyTo is null && !_replyToUtf8.IsEmpty
            ? connection.PublishRawAsync(_replyToUtf8, data, cancellationToken)
            : connection.PublishAsync(ReplyTo!, data, cancellationToken: cancellationToken);

    /// <summary>Publishes a reply to <see cref="ReplyTo"/>.</summary>
    /// <exception cref="InvalidOperationException">The message has no reply subject or no connection.</exception>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> data, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        if (!HasReplyTo || _connection is null)
        {
            throw new InvalidOperationException("The message has no reply subject.");
        }

        return headers is null
            ? PublishToReplyAsync(_connection, data, cancellationToken)
            : _connection.PublishAsync(ReplyTo!, data, headers, null, cancellationToken);
    }
}
