namespace Sofia.Trading.Data;

/// <summary>What relaxed mode did about an issue.</summary>
public enum SanityRepair
{
    /// <summary>The row was removed.</summary>
    Dropped = 0,

    /// <summary>The row was moved to its place in time order.</summary>
    Sorted = 1,

    /// <summary>High or low was moved to include open and close.</summary>
    Clamped = 2,
}
