namespace Sofia.Exchanges;

/// <summary>An inclusive range of missing trade ids; empty when <see cref="Last"/> &lt; <see cref="First"/>.</summary>
/// <param name="First">The first missing id.</param>
/// <param name="Last">The last missing id.</param>
public readonly record struct TradeIdGap(long First, long Last)
{
    /// <summary>No gap.</summary>
    public static TradeIdGap None { get; } = new(0, -1);

    /// <summary>Whether nothing is missing.</summary>
    public bool IsEmpty => Last < First;

    /// <summary>How many ids are missing.</summary>
    public long Count => IsEmpty ? 0 : Last - First + 1;
}
