namespace Sofia.PaperOms.Domain;

/// <summary>One trade of a market as the engine sees it; prices and quantities exact.</summary>
/// <param name="Exchange">Lower-case exchange.</param>
/// <param name="Symbol">Canonical symbol.</param>
/// <param name="Price">Trade price.</param>
/// <param name="Quantity">Trade quantity (base).</param>
/// <param name="TradeId">The exchange's trade id.</param>
/// <param name="TimeUs">Exchange time, UTC epoch µs: the only clock the engine uses.</param>
/// <param name="ReceiveTimeUs">Our receive time, for the tick-to-fill latency only.</param>
/// <param name="StreamSequence">Its TICKS stream sequence when it came from the bus (0 otherwise).</param>
internal readonly record struct PaperTick(
    string Exchange,
    string Symbol,
    decimal Price,
    decimal Quantity,
    TickTradeId TradeId,
    long TimeUs,
    long ReceiveTimeUs,
    ulong StreamSequence = 0);
