using Sofia.Trading.Execution;

namespace Sofia.PaperOms.Domain;

/// <summary>An order of a book while it is open, with the ids it is published under.</summary>
internal sealed class BookOrder(long id, string orderId, string intentId, Order order)
{
    public long Id { get; } = id;

    public string OrderId { get; } = orderId;

    public string IntentId { get; } = intentId;

    public Order Order { get; } = order;

    public decimal Filled { get; set; }

    public int FillCount { get; set; }

    /// <summary>When its last fill happened (microseconds), 0 before any.</summary>
    public long LastFillTimeUs { get; set; }

    public decimal Remaining => Order.Quantity - Filled;
}
