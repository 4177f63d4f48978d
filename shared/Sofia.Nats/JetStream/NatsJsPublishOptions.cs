namespace Sofia.Nats.JetStream;

/// <summary>De-duplication, optimistic-concurrency expectations and retries of one JetStream publish.</summary>
public sealed record NatsJsPublishOptions
{
    /// <summary><c>Nats-Msg-Id</c>: the stream stores a message with an id it has seen within its duplicate window only once.</summary>
    public string? MsgId { get; init; }

    /// <summary><c>Nats-Expected-Stream</c>: fail unless the subject belongs to this stream.</summary>
    public string? ExpectedStream { get; init; }

    /// <summary><c>Nats-Expected-Last-Sequence</c>: fail unless the stream's last sequence is this.</summary>
    public ulong? ExpectedLastSequence { get; init; }

    /// <summary><c>Nats-Expected-Last-Subject-Sequence</c>: fail unless the last message on this subject has this sequence (0: none).</summary>
    public ulong? ExpectedLastSubjectSequence { get; init; }

    /// <summary><c>Nats-Expected-Last-Msg-Id</c>: fail unless the stream's last message has this id.</summary>
    public string? ExpectedLastMsgId { get; init; }

    /// <summary>How long to wait for the ack; the context's request timeout when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Retries after no responders (the stream is not there yet, nothing stored) and, when
    /// <see cref="MsgId"/> is set, after a timeout or lost connection (safe: the id de-duplicates).
    /// </summary>
    public int RetryAttempts { get; init; } = 2;

    /// <summary>Delay before the first retry; it doubles each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);
}
