using Sofia.Trading.Execution;

namespace Sofia.PaperOms.Domain;

/// <summary>A booked fill as the history endpoint lists it.</summary>
internal sealed record PaperFillRecord(
    string FillId,
    string OrderId,
    string Strategy,
    string Exchange,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    decimal Slippage,
    bool Maker,
    long TimeUs);
