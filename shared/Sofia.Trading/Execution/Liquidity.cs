namespace Sofia.Trading.Execution;

/// <summary>Whether a fill added liquidity to the book (maker) or took it (taker); it selects the fee rate.</summary>
public enum Liquidity
{
    /// <summary>Took liquidity: market and stop orders, and limit orders marketable on arrival.</summary>
    Taker = 0,

    /// <summary>Added liquidity: limit orders that rested before they filled.</summary>
    Maker = 1,
}
