namespace Sofia.Trading.Execution;

/// <summary>How an order becomes a fill; the exact rules are in <see cref="ExecutionSimulator"/>.</summary>
public enum OrderType
{
    /// <summary>Fills at the next bar's open (bar mode) or the next trade's price (tick mode).</summary>
    Market = 0,

    /// <summary>Fills when the market touches the limit price, never at a worse price.</summary>
    Limit = 1,

    /// <summary>Becomes a market order when the market touches the stop price.</summary>
    Stop = 2,
}
