using Sofia.Trading.Portfolio;

namespace Sofia.Trading.Backtesting;

/// <summary>The account as the risk engine sees it inside a backtest: the ledger's positions, valued at the latest prices.</summary>
internal sealed class BacktestAccountView(Ledger ledger, string[] symbols, double[] prices) : IAccountView
{
    public decimal Equity
    {
        get
        {
            var equity = ledger.Cash;
            for (var i = 0; i < symbols.Length; i++)
            {
                equity += ledger.PositionQuantity(symbols[i]) * (decimal)prices[i];
            }

            return equity;
        }
    }

    public decimal GrossExposure
    {
        get
        {
            var gross = 0m;
            for (var i = 0; i < symbols.Length; i++)
            {
                gross += Math.Abs(ledger.PositionQuantity(symbols[i]) * (decimal)prices[i]);
            }

            return gross;
        }
    }

    public decimal PositionQuantity(string symbol) => ledger.PositionQuantity(symbol);
}
