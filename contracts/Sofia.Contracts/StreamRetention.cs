namespace Sofia.Contracts;

/// <summary>When a stream may discard a message.</summary>
public enum StreamRetention
{
    /// <summary>Kept until a limit (age, count, bytes) removes it.</summary>
    Limits,

    /// <summary>Kept while some consumer has not acknowledged it.</summary>
    Interest,

    /// <summary>Removed once any consumer acknowledges it (a work queue).</summary>
    WorkQueue,
}
