using System.Globalization;
using Sofia.Contracts.V1;

namespace Sofia.PaperOms.Domain;

/// <summary>Compares the OMS's fills in a window with a replay's, book by book.</summary>
internal static class PaperDivergence
{
    private const int ListedFills = 20;

    public static PaperReplayReport Compare(long fromUs, long toUs, long trades, IEnumerable<Fill> live, IEnumerable<Fill> replay, IReadOnlyDictionary<string, decimal> lastPrices)
    {
        var liveByBook = ByBook(live);
        var replayByBook = ByBook(replay);
        var books = new List<PaperBookDivergence>();
        foreach (var book in liveByBook.Keys.Union(replayByBook.Keys).Order(StringComparer.Ordinal))
        {
            var ours = liveByBook.GetValueOrDefault(book) ?? [];
            var theirs = replayByBook.GetValueOrDefault(book) ?? [];
            var market = ours.Concat(theirs).Select(f => BookKey.MarketKey(f.Exchange, f.Symbol)).First();
            var mark = lastPrices.GetValueOrDefault(market);
            var livePnl = Pnl(ours, mark);
            var replayPnl = Pnl(theirs, mark);
            var liveSlippage = ours.Sum(f => PaperMessages.Value(f.Slippage));
            var replaySlippage = theirs.Sum(f => PaperMessages.Value(f.Slippage));
            var liveText = ours.Select(Describe).ToList();
            var replayText = theirs.Select(Describe).ToList();
            books.Add(new PaperBookDivergence(book, ours.Count, theirs.Count, livePnl, replayPnl, livePnl - replayPnl,
                liveSlippage, replaySlippage, liveSlippage - replaySlippage,
                [.. liveText.Except(replayText).Take(ListedFills)], [.. replayText.Except(liveText).Take(ListedFills)]));
        }

        var divergent = books.Exists(b => b.OnlyLive.Count > 0 || b.OnlyReplay.Count > 0 || b.LiveFills != b.ReplayFills);
        return new PaperReplayReport(fromUs, toUs, trades, divergent, books);
    }

    /// <summary>A fill as both sides must agree on it.</summary>
    public static string Describe(Fill fill) => string.Create(CultureInfo.InvariantCulture,
        $"{fill.FillId} {fill.Side} {fill.Quantity.ToDecimal()} @ {fill.Price.ToDecimal()} fee {fill.Fee.ToDecimal()} at {fill.TimeUs}");

    private static Dictionary<string, List<Fill>> ByBook(IEnumerable<Fill> fills) =>
        fills.GroupBy(f => new BookKey(f.Strategy, f.Exchange, f.Symbol).Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.TimeUs).ThenBy(f => f.FillId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static decimal Pnl(List<Fill> fills, decimal mark)
    {
        var cash = 0m;
        var quantity = 0m;
        foreach (var fill in fills)
        {
            var signed = fill.Side == Side.Buy ? fill.Quantity.ToDecimal() : -fill.Quantity.ToDecimal();
            quantity += signed;
            cash -= (signed * fill.Price.ToDecimal()) + fill.Fee.ToDecimal();
        }

        return cash + (quantity * mark);
    }
}
