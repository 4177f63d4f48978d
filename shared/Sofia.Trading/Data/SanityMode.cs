namespace Sofia.Trading.Data;

/// <summary>What <see cref="BarSanityChecker"/> does with a bad row.</summary>
public enum SanityMode
{
    /// <summary>Throw a <see cref="BarDataException"/> naming the first bad row and its rule.</summary>
    Strict = 0,

    /// <summary>Repair (drop, sort, clamp) and list every repair in the report.</summary>
    Relaxed = 1,
}
