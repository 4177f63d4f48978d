using System.ComponentModel.DataAnnotations;

namespace Sofia.TickWriter.Options;

/// <summary>Batching, acknowledgement and retry settings, bound from the <c>TickWriter</c> section.</summary>
internal sealed record TickWriterOptions : IValidatableObject
{
    public const string SectionName = "TickWriter";

    /// <summary>
    /// Rows per insert at most. Large batches matter when catching up (each insert is a part ClickHouse merges later);
    /// live, the batch delay closes batches long before.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between 1 and 1000000")]
    public int BatchSize { get; init; } = 50_000;

    /// <summary>How long a batch may wait for more rows after its first one.</summary>
    [Range(1, 60_000, ErrorMessage = "must be between 1 and 60000 milliseconds")]
    public int BatchDelayMs { get; init; } = 250;

    /// <summary>Messages asked for per pull request.</summary>
    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int PullBatch { get; init; } = 5_000;

    /// <summary>The consumer's ack wait; held messages get in-progress acks well before it runs out.</summary>
    [Range(1, 3_600, ErrorMessage = "must be between 1 and 3600 seconds")]
    public int AckWaitSeconds { get; init; } = 30;

    /// <summary>The time limit of one insert attempt.</summary>
    [Range(1, 600, ErrorMessage = "must be between 1 and 600 seconds")]
    public int InsertTimeoutSeconds { get; init; } = 5;

    /// <summary>The longest pause between insert attempts (exponential backoff with jitter up to it).</summary>
    [Range(10, 60_000, ErrorMessage = "must be between 10 and 60000 milliseconds")]
    public int MaxRetryDelayMs { get; init; } = 5_000;

    /// <summary>How long the circuit stays open after repeated insert failures.</summary>
    [Range(500, 600_000, ErrorMessage = "must be between 500 and 600000 milliseconds")]
    public int CircuitBreakMs { get; init; } = 5_000;

    /// <summary>How long a stopping writer may spend storing and acknowledging the rows it already decoded.</summary>
    [Range(0, 600_000, ErrorMessage = "must be between 0 and 600000 milliseconds")]
    public int DrainTimeoutMs { get; init; } = 10_000;

    /// <summary>Decoded rows waiting for a batch: two batches, so decoding goes on while a batch is inserted.</summary>
    public int ChannelCapacity => Math.Max(BatchSize, PullBatch) * 2;

    /// <summary>Messages delivered but not yet acknowledged: the batch in flight, the channel and the pull buffer.</summary>
    public int MaxAckPending => BatchSize + ChannelCapacity + (PullBatch * 2);

    public TimeSpan DrainTimeout => TimeSpan.FromMilliseconds(DrainTimeoutMs);

    public TimeSpan BatchDelay => TimeSpan.FromMilliseconds(BatchDelayMs);

    public TimeSpan AckWait => TimeSpan.FromSeconds(AckWaitSeconds);

    public TimeSpan InsertTimeout => TimeSpan.FromSeconds(InsertTimeoutSeconds);

    public TimeSpan MaxRetryDelay => TimeSpan.FromMilliseconds(MaxRetryDelayMs);

    public TimeSpan CircuitBreak => TimeSpan.FromMilliseconds(CircuitBreakMs);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A held batch is kept alive with in-progress acks between attempts, so an attempt and a pause
        // together must fit well inside the ack wait.
        if (InsertTimeout + MaxRetryDelay >= AckWait / 2)
        {
            yield return new ValidationResult(
                $"must be more than twice InsertTimeoutSeconds + MaxRetryDelayMs ({(InsertTimeout + MaxRetryDelay).TotalSeconds} s)",
                [nameof(AckWaitSeconds)]);
        }
    }
}
