namespace Sofia.Cli.Demo;

/// <summary>One strategy's books in the paper OMS, summed over markets (exact, as the OMS reports them).</summary>
internal sealed record StrategyAccount(string Strategy, int Books, decimal Deposits, decimal Equity, decimal RealizedPnl, decimal FeesPaid, long Fills)
{
    public decimal Pnl => Equity - Deposits;

    public double Return => Deposits == 0m ? 0 : (double)(Pnl / Deposits);
}
