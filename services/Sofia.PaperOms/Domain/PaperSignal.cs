using Sofia.Trading.Strategies;

namespace Sofia.PaperOms.Domain;

/// <summary>A strategy's decision at the close of a bar, as the engine trades it.</summary>
/// <param name="SignalId">Deterministic id (<c>{strategy}:{exchange}:{symbol}:{bar_time_us}</c>).</param>
/// <param name="Strategy">Strategy name, or <c>fused</c>.</param>
/// <param name="Exchange">Lower-case exchange.</param>
/// <param name="Symbol">Canonical symbol.</param>
/// <param name="Direction">Target side.</param>
/// <param name="Strength">Fraction of the allotted capital, 0..1.</param>
/// <param name="BarTimeUs">Open time of the bar whose close produced the signal.</param>
/// <param name="IntervalSeconds">Bar length.</param>
internal sealed record PaperSignal(
    string SignalId,
    string Strategy,
    string Exchange,
    string Symbol,
    SignalDirection Direction,
    double Strength,
    long BarTimeUs,
    int IntervalSeconds)
{
    public BookKey Book => new(Strategy, Exchange, Symbol);

    public long IntervalUs => IntervalSeconds * 1_000_000L;

    /// <summary>The bar's close: the signal fills at the first tick at or after it.</summary>
    public long CloseTimeUs => BarTimeUs + IntervalUs;

    /// <summary>Signed target exposure in [−1, 1].</summary>
    public double Exposure => (int)Direction * Math.Clamp(Strength, 0, 1);
}
