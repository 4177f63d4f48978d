namespace Sofia.Trading.Execution;

/// <summary>An order held by <see cref="ExecutionSimulator"/> with its unfilled quantity.</summary>
internal struct OpenOrder
{
    public Order Order;
    public decimal Remaining;

    /// <summary>True once the order has been live on at least one bar or trade without completing (it rests in the book).</summary>
    public bool Rested;
}
