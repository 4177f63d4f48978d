using Sofia.Trading.Execution;
using Sofia.Trading.Sizing;

namespace Sofia.Trading.Backtesting;

/// <summary>Order placement, sizing and booking: the parts of the loop that run only when something trades.</summary>
public sealed partial class Backtester
{
    private void ExecuteTarget(int s, in Bar bar)
    {
        _hasPending[s] = false;
        var exposure = _pending[s];
        var open = (decimal)bar.Open;
        var current = _positions[s]?.Quantity ?? 0m;
        var others = _ledger.Cash;
        for (var j = 0; j < _symbols.Length; j++)
        {
            if (j != s && _positions[j] is { Quantity: not 0m } position)
            {
                others += position.Quantity * (decimal)_close[j];
            }
        }

        // The side comes from the unslipped open; the size from the price the fill will get on that side.
        var side = TargetQuantity(s, exposure, others + (current * open), open) >= current ? OrderSide.Buy : OrderSide.Sell;
        var price = _model.ApplySlippage(open, side, 0m);
        var delta = TargetQuantity(s, exposure, others + (current * price), price) - current;
        if (delta == 0m || (delta > 0m) != (side == OrderSide.Buy))
        {
            _executed[s] = exposure;
            return;
        }

        var order = Order.Market(++_nextOrderId, _strategy.Name, _symbols[s], side, Math.Abs(delta), bar.OpenTimeUs);
        if (!Allowed(order, open, bar.OpenTimeUs))
        {
            return;
        }

        _simulators[s].Submit(order);
        _orders++;
        _observer?.OnOrder(_bars, order);
        _executed[s] = exposure;
    }

    private decimal TargetQuantity(int s, double exposure, decimal equity, decimal price)
    {
        if (exposure == 0 || equity <= 0m || price <= 0m)
        {
            return 0m;
        }

        var strength = (decimal)Math.Abs(exposure);
        decimal quantity;
        if (_sizer is null)
        {
            quantity = strength * equity / (price * (1m + _feeRate));
        }
        else
        {
            var volatility = _volatility![s].Value * Math.Sqrt(_minStepUs is > 0 and < long.MaxValue ? MicrosecondsPerYear / _minStepUs : 1);
            quantity = _sizer.Quantity(new SizingInput(strength * equity, price, double.IsFinite(volatility) ? volatility : 0, double.IsFinite(_atr![s].Value) ? _atr[s].Value : 0));
        }

        return exposure > 0 ? quantity : -quantity;
    }

    private void SubmitStrategyOrders(ReadOnlySpan<Bar> bars)
    {
        for (var s = 0; s < bars.Length; s++)
        {
            if (_context.CancelRequested(s))
            {
                _simulators[s].CancelAll();
                _restingSells[s] = 0m;
            }
        }

        foreach (var intent in _context.Orders)
        {
            var s = intent.Symbol;
            var quantity = intent.Quantity;
            if (_longOnly && intent.Side == OrderSide.Sell)
            {
                var available = (_positions[s]?.Quantity ?? 0m) - _restingSells[s];
                quantity = Math.Min(quantity, available);
                if (quantity <= 0m)
                {
                    continue;
                }
            }

            // Stamped just after this bar's open: live from the next bar on, never on this one.
            var order = new Order(++_nextOrderId, _strategy.Name, _symbols[s], intent.Side, intent.Type, quantity, intent.Price, bars[s].OpenTimeUs + 1);
            var price = intent.Type == OrderType.Market ? (decimal)bars[s].Close : intent.Price;
            if (!Allowed(order, price, bars[s].OpenTimeUs))
            {
                continue;
            }

            _simulators[s].Submit(order);
            _orders++;
            if (intent.Side == OrderSide.Sell)
            {
                _restingSells[s] += quantity;
            }

            _observer?.OnOrder(_bars, order);
        }
    }

    private bool Allowed(in Order order, decimal price, long timeUs)
    {
        if (_risk is null)
        {
            return true;
        }

        if (_risk.Check(order, price, _view, timeUs).IsAllowed)
        {
            return true;
        }

        _rejections++;
        return false;
    }

    private void Book(int s, ReadOnlySpan<Fill> fills)
    {
        foreach (var fill in fills)
        {
            var position = _positions[s];
            var before = position?.Quantity ?? 0m;
            var realizedBefore = position?.RealizedPnl ?? 0m;
            _ledger.Apply(fill);
            position ??= _positions[s] = _ledger.Find(_symbols[s]);
            if (!_targets && fill.Side == OrderSide.Sell)
            {
                _restingSells[s] = Math.Max(0m, _restingSells[s] - fill.Quantity);
            }

            _tradedNotional += fill.Notional;
            _fills++;
            if (_trips[s].OnFill(fill, before, position!.RealizedPnl - realizedBefore, out var trade))
            {
                _tradeStatistics.Add(trade);
                _trades?.Add(trade);
            }
        }

        _cash = (double)_ledger.Cash;
        _quantity[s] = (double)_positions[s]!.Quantity;
    }

    private void TrackVolatility(int s, in Bar bar)
    {
        // Called before _close[s] moves on, so it still holds the previous close.
        _atr![s].Update(bar);
        if (_close[s] > 0)
        {
            _volatility![s].Update(Math.Log(bar.Close / _close[s]));
        }
    }
}
