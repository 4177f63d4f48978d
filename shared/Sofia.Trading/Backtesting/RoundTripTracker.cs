using Sofia.Trading.Execution;
using Sofia.Trading.Metrics;

namespace Sofia.Trading.Backtesting;

/// <summary>
/// Turns the fills of one symbol into round trips, flat to flat. Entry and exit prices are quantity-weighted averages
/// of the opening and closing fills (the fill's own price when there is one); the quantity is everything opened (signed); PnL is the ledger's realized price PnL
/// minus every fee of the trip. A fill that flips the position closes the trip with the part that reaches zero and
/// opens the next with the rest, splitting its fee pro rata.
/// </summary>
internal sealed class RoundTripTracker(string symbol)
{
    private decimal _entryQuantity;
    private decimal _entryNotional;
    private decimal _exitQuantity;
    private decimal _exitNotional;
    private decimal _realized;
    private decimal _fees;
    private long _entryTimeUs;
    private decimal _firstEntryPrice;
    private decimal _firstExitPrice;
    private int _entryFills;
    private int _exitFills;

    /// <summary>Books a fill given the position before it and the realized PnL the ledger booked for it.</summary>
    public bool OnFill(in Fill fill, decimal positionBefore, decimal realized, out ClosedTrade trade)
    {
        trade = default;
        var signed = fill.SignedQuantity;
        if (positionBefore == 0m)
        {
            Open(fill.TimeUs, signed, fill.Price, fill.Fee);
            return false;
        }

        if (Math.Sign(positionBefore) == Math.Sign(signed))
        {
            _entryQuantity += signed;
            _entryNotional += fill.Quantity * fill.Price;
            _entryFills++;
            _fees += fill.Fee;
            return false;
        }

        var held = Math.Abs(positionBefore);
        var closing = Math.Min(held, fill.Quantity);
        var closingFee = closing == fill.Quantity ? fill.Fee : fill.Fee * closing / fill.Quantity;
        _exitQuantity += closing;
        _exitNotional += closing * fill.Price;
        if (_exitFills++ == 0)
        {
            _firstExitPrice = fill.Price;
        }

        _realized += realized;
        _fees += closingFee;
        if (closing < held)
        {
            return false;
        }

        trade = new ClosedTrade(
            symbol,
            _entryTimeUs,
            fill.TimeUs,
            _entryQuantity,
            _entryFills == 1 ? _firstEntryPrice : _entryNotional / Math.Abs(_entryQuantity),
            _exitFills == 1 ? _firstExitPrice : _exitNotional / _exitQuantity,
            _realized - _fees);
        var remainder = fill.Quantity - closing;
        if (remainder > 0m)
        {
            Open(fill.TimeUs, signed > 0 ? remainder : -remainder, fill.Price, fill.Fee - closingFee);
        }

        return true;
    }

    private void Open(long timeUs, decimal signedQuantity, decimal price, decimal fee)
    {
        _entryTimeUs = timeUs;
        _entryQuantity = signedQuantity;
        _entryNotional = Math.Abs(signedQuantity) * price;
        _exitQuantity = 0m;
        _exitNotional = 0m;
        _firstEntryPrice = price;
        _entryFills = 1;
        _exitFills = 0;
        _realized = 0m;
        _fees = fee;
    }
}
