using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Signals;

/// <summary>
/// One strategy's decision at the close of one bar of one market, as the signal hub publishes it on
/// <c>signals.{strategy}.{symbol}</c> (the fused vote under the name <c>fused</c>).
/// </summary>
/// <param name="Id">Deterministic id <c>{strategy}:{exchange}:{symbol}:{barOpenTimeUs}</c>: a replay or a redelivery gives the same id.</param>
/// <param name="Strategy">Registry name, or <c>fused</c>.</param>
/// <param name="Exchange">Lower-case exchange.</param>
/// <param name="Symbol">Canonical symbol.</param>
/// <param name="Direction">Target direction.</param>
/// <param name="Strength">The strategy's strength in [0, 1] (the fused signal: |vote| past the threshold, else 0).</param>
/// <param name="Confidence">Strength for a single strategy; for the fused signal |vote| scaled by the sentiment overlay, in [0, 1].</param>
/// <param name="Reason">The strategy's constant reason, e.g. <c>cross_up</c>.</param>
/// <param name="Bar">The bar that closed (open time, OHLCV, buy volume, trade count).</param>
/// <param name="BarIntervalSeconds">Bar length in seconds.</param>
public sealed record StrategySignal(
    string Id,
    string Strategy,
    string Exchange,
    string Symbol,
    SignalDirection Direction,
    double Strength,
    double Confidence,
    string Reason,
    AggregatedBar Bar,
    int BarIntervalSeconds)
{
    /// <summary>Open time of the bar, UTC epoch microseconds.</summary>
    public long BarOpenTimeUs => Bar.Bar.OpenTimeUs;

    /// <summary>Close price of the bar.</summary>
    public double BarClose => Bar.Bar.Close;

    /// <summary>How the strategy is traded (the fused signal is <see cref="ExecutionStyle.TargetPosition"/>).</summary>
    public ExecutionStyle Style { get; init; }

    /// <summary>
    /// Orders the strategy asked for at this close; only with an <see cref="IStrategyAccount"/> (the OMS), otherwise
    /// empty. Live from the next bar.
    /// </summary>
    public IReadOnlyList<OrderIntent> Orders { get; init; } = [];

    /// <summary>True when the strategy asked to cancel its open orders (before placing <see cref="Orders"/>).</summary>
    public bool CancelRequested { get; init; }

    /// <summary>The signed exposure direction · strength.</summary>
    public double Exposure => (int)Direction * Strength;

    /// <summary>The deterministic signal id.</summary>
    public static string IdFor(string strategy, string exchange, string symbol, long barOpenTimeUs) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{strategy}:{exchange}:{symbol}:{barOpenTimeUs}");
}
