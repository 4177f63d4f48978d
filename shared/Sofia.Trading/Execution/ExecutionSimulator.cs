namespace Sofia.Trading.Execution;

/// <summary>
/// Holds the open orders of one market and turns each new bar (or trade) into fills. Rules, in bar mode:
/// <list type="bullet">
/// <item>An order is live on bars that open at or after its <see cref="Order.TimeUs"/>; a decision taken at the close
/// of bar t therefore fills at the earliest on bar t+1.</item>
/// <item>Market: fills at the bar's open (taker).</item>
/// <item>Buy limit L: if the first live bar opens at or below L, it is marketable on arrival and fills at the open
/// (taker). Otherwise it rests and fills when low ≤ L, at L, or at the open if a later bar opens below L (maker).
/// Sell limit mirrors it (open ≥ L, high ≥ L, the open if above L).</item>
/// <item>Buy stop S: fills when high ≥ S at max(S, open) (taker). Sell stop: low ≤ S at min(S, open).</item>
/// <item>Taker fills get the <see cref="FillModel"/> slippage (a limit order's price is capped at its limit); maker
/// fills get none. Fees follow <see cref="FillModel.Fee"/>.</item>
/// <item>With a participation cap, orders are served in submission order from one budget of
/// MaxParticipation · bar volume; what does not fit stays open.</item>
/// </list>
/// Tick mode (<see cref="OnTrade"/>) applies the same rules to each trade as a bar whose open, high, low and close are
/// the trade price and whose volume is the trade quantity, with one difference: a resting limit order that a trade
/// prints at or through fills at its limit price (the book would have filled it there), not at the trade price. The returned span is reused: read it before the next call.
/// No allocation happens per bar once the buffers have grown to the number of open orders.
/// </summary>
public sealed class ExecutionSimulator
{
    private OpenOrder[] _orders = new OpenOrder[8];
    private Fill[] _fills = new Fill[8];
    private int _count;

    /// <summary>Creates a simulator for <paramref name="symbol"/> with <paramref name="model"/>'s fees and slippage.</summary>
    public ExecutionSimulator(string symbol, FillModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        Symbol = symbol;
        Model = model;
    }

    /// <summary>The market this simulator fills.</summary>
    public string Symbol { get; }

    /// <summary>Fees, slippage and participation rules.</summary>
    public FillModel Model { get; }

    /// <summary>Number of orders still open.</summary>
    public int OpenOrderCount => _count;

    /// <summary>Adds an order; it can fill from the first bar or trade at or after its time.</summary>
    public void Submit(in Order order)
    {
        if (!string.Equals(order.Symbol, Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Order {order.Id} is for {order.Symbol}, this simulator fills {Symbol}.", nameof(order));
        }

        if (order.Quantity <= 0m)
        {
            throw new ArgumentException($"Order {order.Id} has a non-positive quantity {order.Quantity}.", nameof(order));
        }

        if (order.Type != OrderType.Market && order.Price <= 0m)
        {
            throw new ArgumentException($"{order.Type} order {order.Id} needs a positive price.", nameof(order));
        }

        if (IndexOf(order.Id) >= 0)
        {
            throw new ArgumentException($"Order {order.Id} is already open.", nameof(order));
        }

        if (_count == _orders.Length)
        {
            Array.Resize(ref _orders, _count * 2);
        }

        _orders[_count++] = new OpenOrder { Order = order, Remaining = order.Quantity };
    }

    /// <summary>Cancels an open order; false when it is not open (filled, cancelled or unknown).</summary>
    public bool Cancel(long orderId)
    {
        var index = IndexOf(orderId);
        if (index < 0)
        {
            return false;
        }

        Array.Copy(_orders, index + 1, _orders, index, _count - index - 1);
        _orders[--_count] = default;
        return true;
    }

    /// <summary>Cancels every open order.</summary>
    public void CancelAll()
    {
        Array.Clear(_orders, 0, _count);
        _count = 0;
    }

    /// <summary>The unfilled quantity of an open order, or zero when it is not open.</summary>
    public decimal RemainingQuantity(long orderId)
    {
        var index = IndexOf(orderId);
        return index < 0 ? 0m : _orders[index].Remaining;
    }

    /// <summary>Fills open orders against the next bar; the span is valid until the next call.</summary>
    public ReadOnlySpan<Fill> OnBar(in Bar bar) =>
        _count == 0 ? [] : Match(bar.OpenTimeUs, bar.Open, bar.High, bar.Low, bar.Volume, tickMode: false);

    /// <summary>Fills open orders against the next trade; the span is valid until the next call.</summary>
    public ReadOnlySpan<Fill> OnTrade(in TradeTick trade) =>
        _count == 0 ? [] : Match(trade.TimeUs, trade.Price, trade.Price, trade.Price, trade.Quantity, tickMode: true);

    private ReadOnlySpan<Fill> Match(long timeUs, double openD, double highD, double lowD, double volumeD, bool tickMode)
    {
        var open = (decimal)openD;
        var high = (decimal)highD;
        var low = (decimal)lowD;
        var volume = volumeD > 0 ? (decimal)volumeD : 0m;
        var budget = Model.MaxParticipation > 0m ? Model.MaxParticipation * volume : decimal.MaxValue;
        var fillCount = 0;
        var kept = 0;

        for (var i = 0; i < _count; i++)
        {
            ref var open0 = ref _orders[i];
            if (open0.Order.TimeUs <= timeUs && budget > 0m && TryPrice(open0, open, high, low, tickMode, out var price, out var liquidity))
            {
                var quantity = Math.Min(open0.Remaining, budget);
                if (budget != decimal.MaxValue)
                {
                    budget -= quantity;
                }

                if (liquidity == Liquidity.Taker)
                {
                    price = SlippedPrice(open0.Order, price, quantity, volume);
                }

                open0.Remaining -= quantity;
                AddFill(ref fillCount, new Fill(
                    open0.Order.Id,
                    open0.Order.Strategy,
                    open0.Order.Symbol,
                    open0.Order.Side,
                    quantity,
                    price,
                    Model.Fee(quantity * price, liquidity),
                    liquidity,
                    timeUs,
                    open0.Remaining));
            }

            if (open0.Order.TimeUs <= timeUs)
            {
                open0.Rested = true;
            }

            if (open0.Remaining > 0m)
            {
                _orders[kept++] = open0;
            }
        }

        Array.Clear(_orders, kept, _count - kept);
        _count = kept;
        return new ReadOnlySpan<Fill>(_fills, 0, fillCount);
    }

    private static bool TryPrice(in OpenOrder order, decimal open, decimal high, decimal low, bool tickMode, out decimal price, out Liquidity liquidity)
    {
        var buy = order.Order.Side == OrderSide.Buy;
        var level = order.Order.Price;
        liquidity = Liquidity.Taker;
        switch (order.Order.Type)
        {
            case OrderType.Market:
                price = open;
                return true;
            case OrderType.Stop:
                price = buy ? Math.Max(level, open) : Math.Min(level, open);
                return buy ? high >= level : low <= level;
            default:
                var throughAtOpen = buy ? open <= level : open >= level;
                if (throughAtOpen)
                {
                    price = order.Rested && tickMode ? level : open;
                    liquidity = order.Rested ? Liquidity.Maker : Liquidity.Taker;
                    return true;
                }

                price = level;
                liquidity = Liquidity.Maker;
                return buy ? low <= level : high >= level;
        }
    }

    private decimal SlippedPrice(in Order order, decimal price, decimal quantity, decimal volume)
    {
        var participation = volume > 0m ? quantity / volume : 1m;
        var slipped = Model.ApplySlippage(price, order.Side, participation);
        if (order.Type != OrderType.Limit)
        {
            return slipped;
        }

        return order.Side == OrderSide.Buy ? Math.Min(slipped, order.Price) : Math.Max(slipped, order.Price);
    }

    private void AddFill(ref int fillCount, in Fill fill)
    {
        if (fillCount == _fills.Length)
        {
            Array.Resize(ref _fills, fillCount * 2);
        }

        _fills[fillCount++] = fill;
    }

    private int IndexOf(long orderId)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_orders[i].Order.Id == orderId)
            {
                return i;
            }
        }

        return -1;
    }
}
