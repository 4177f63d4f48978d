namespace Sofia.PaperOms.Domain;

/// <summary>Where the ticks of an order strategy's open bar start in the TICKS stream, and when that bar ends.</summary>
internal sealed record OrderStrategyResume(string Exchange, string Symbol, ulong FromSequence, long UntilTimeUs);
