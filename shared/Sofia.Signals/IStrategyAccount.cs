namespace Sofia.Signals;

/// <summary>
/// The runner's ledgers as strategies see them. The signal hub has none (every strategy decides on an empty account,
/// and only signal-style strategies run); the paper OMS passes its own so that
/// <see cref="Sofia.Trading.Strategies.ExecutionStyle.Orders"/> strategies (grid) decide on their real positions and
/// their orders come back in <see cref="StrategySignal.Orders"/>.
/// </summary>
public interface IStrategyAccount
{
    /// <summary>
    /// The state of <paramref name="strategy"/> in the market at the close of the bar opened at
    /// <paramref name="barOpenTimeUs"/>, after that bar's fills; called just before the strategy decides.
    /// </summary>
    StrategyAccountState Read(string strategy, string exchange, string symbol, long barOpenTimeUs);
}
