namespace Sofia.Messaging;

/// <summary>Header names the bus sets besides <c>Nats-Msg-Id</c> and <c>Sofia-Type</c>.</summary>
public static class BusHeaders
{
    /// <summary>Why a consumer gave up on a dead-lettered message.</summary>
    public const string DeadLetterReason = "Sofia-Dead-Letter-Reason";

    /// <summary>The stream a dead-lettered message came from.</summary>
    public const string DeadLetterStream = "Sofia-Dead-Letter-Stream";

    /// <summary>The durable consumer that gave up on it.</summary>
    public const string DeadLetterConsumer = "Sofia-Dead-Letter-Consumer";

    /// <summary>The subject it was published on.</summary>
    public const string DeadLetterSubject = "Sofia-Dead-Letter-Subject";

    /// <summary>Its sequence in its stream.</summary>
    public const string DeadLetterSequence = "Sofia-Dead-Letter-Sequence";

    /// <summary>How many times it was delivered.</summary>
    public const string DeadLetterDeliveries = "Sofia-Dead-Letter-Deliveries";

    /// <summary>Its original <c>Nats-Msg-Id</c> (the dead letter has an id of its own, so re-sending it is de-duplicated).</summary>
    public const string DeadLetterMessageId = "Sofia-Dead-Letter-Msg-Id";
}
