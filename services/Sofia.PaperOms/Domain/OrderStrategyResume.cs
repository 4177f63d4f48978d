namespace Sofia.PaperOms.Domain;

/// <summary>
/// Where the ticks of an order strategy's open bar start (in the TICKS stream, and in exchange time), and when that bar
/// ends.
/// </summary>
internal sealed record OrderStrategyResume(string Exchange, string Symbol, ulong FromSequence, long FromTimeUs, long UntilTimeUs);
