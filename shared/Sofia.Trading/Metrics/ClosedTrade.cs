namespace Sofia.Trading.Metrics;

/// <summary>A round trip as the trade statistics see it.</summary>
/// <param name="Symbol">Market symbol.</param>
/// <param name="EntryTimeUs">Entry time, UTC epoch microseconds.</param>
/// <param name="ExitTimeUs">Exit time, UTC epoch microseconds.</param>
/// <param name="Quantity">Signed quantity: positive long, negative short.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="ExitPrice">Average exit price.</param>
/// <param name="Pnl">Net PnL in quote currency, after fees.</param>
public readonly record struct ClosedTrade(
    string Symbol,
    long EntryTimeUs,
    long ExitTimeUs,
    decimal Quantity,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Pnl);
