using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Backtesting;

/// <summary>
/// The rules for <c>trend</c> in long-only mode without stops, written out plainly and independently of the
/// engine: naive SMAs in exact decimal arithmetic, crosses on defined values at t and t−1, all-in buys of cash / (open · (1 + fee)) at the next
/// open, sells of everything at the next open, no execution of a signal on the last bar, marking to the last close.
/// </summary>
internal static class TrendReference
{
    public static (decimal FinalEquity, decimal Cash, decimal Quantity, List<ClosedTrade> Trades) Run(
        Bar[] bars, int fast, int slow, decimal capital, decimal feeBps, decimal slippageBps)
    {
        var fee = feeBps / 10_000m;
        var slip = slippageBps / 10_000m;
        var cash = capital;
        var quantity = 0m;
        var trades = new List<ClosedTrade>();
        decimal entryPrice = 0, entryFee = 0;
        long entryTime = 0;
        var pending = 0; // +1 buy at next open, -1 sell at next open
        for (var t = 0; t < bars.Length; t++)
        {
            var open = (decimal)bars[t].Open;
            if (pending > 0)
            {
                var price = open * (1 + slip);
                quantity = cash / (price * (1 + fee));
                entryFee = quantity * price * fee;
                cash -= (quantity * price) + entryFee;
                entryPrice = price;
                entryTime = bars[t].OpenTimeUs;
            }
            else if (pending < 0)
            {
                var price = open * (1 - slip);
                var exitFee = quantity * price * fee;
                cash += (quantity * price) - exitFee;
                trades.Add(new ClosedTrade("BTC-USDT", entryTime, bars[t].OpenTimeUs, quantity, entryPrice, price, (quantity * (price - entryPrice)) - entryFee - exitFee));
                quantity = 0;
            }

            pending = 0;
            if (t >= slow)
            {
                var fastNow = Mean(bars, t, fast);
                var slowNow = Mean(bars, t, slow);
                var fastBefore = Mean(bars, t - 1, fast);
                var slowBefore = Mean(bars, t - 1, slow);
                if (quantity == 0 && fastNow > slowNow && fastBefore <= slowBefore)
                {
                    pending = 1;
                }
                else if (quantity > 0 && fastNow < slowNow && fastBefore >= slowBefore)
                {
                    pending = -1;
                }
            }
        }

        return (cash + (quantity * (decimal)bars[^1].Close), cash, quantity, trades);
    }

    // Exact: the file's prices have at most 8 decimals, so decimal sums are exact and equal windows give equal means.
    private static decimal Mean(Bar[] bars, int end, int period)
    {
        var sum = 0m;
        for (var i = end - period + 1; i <= end; i++)
        {
            sum += (decimal)bars[i].Close;
        }

        return sum / period;
    }
}
