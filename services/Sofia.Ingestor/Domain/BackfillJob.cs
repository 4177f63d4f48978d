using Sofia.Exchanges;

namespace Sofia.Ingestor.Domain;

/// <summary>A request to recover trades of one market: a gap of ids, or (empty gap) recent trades not older than <paramref name="SinceTimeUs"/>.</summary>
internal readonly record struct BackfillJob(string Symbol, TradeIdGap Gap, long SinceTimeUs);
