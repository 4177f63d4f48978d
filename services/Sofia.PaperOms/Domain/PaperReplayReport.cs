namespace Sofia.PaperOms.Domain;

/// <summary>What <c>POST /api/paper/replay</c> answers: the window, the trades replayed, and each book's divergence.</summary>
/// <param name="FromUs">Window start (inclusive), exchange time.</param>
/// <param name="ToUs">Window end (exclusive): just after the last trade the OMS processed.</param>
/// <param name="Trades">Stored trades replayed inside the window.</param>
/// <param name="Divergent">True when any book's fills differ (a fill missing on one side, or any field of it).</param>
/// <param name="Books">Every book that filled in the window on either side.</param>
internal sealed record PaperReplayReport(long FromUs, long ToUs, long Trades, bool Divergent, IReadOnlyList<PaperBookDivergence> Books);
