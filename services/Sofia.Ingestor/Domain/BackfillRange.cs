using Sofia.Exchanges;

namespace Sofia.Ingestor.Domain;

/// <summary>
/// The part of a gap still missing while REST pages arrive. Exchanges page from either end (Binance upward from
/// the first id, OKX and Coinbase downward from the last), so a page that covers one end shrinks the range from
/// that end; a page that covers neither end only counts as progress when it is inside the range.
/// </summary>
internal sealed class BackfillRange(TradeIdGap gap)
{
    public TradeIdGap Remaining { get; private set; } = gap;

    public bool IsDone => Remaining.IsEmpty;

    /// <summary>Whether <paramref name="tradeId"/> is still missing.</summary>
    public bool Contains(long tradeId) => tradeId >= Remaining.First && tradeId <= Remaining.Last;

    /// <summary>Records that the ids <paramref name="lowest"/>..<paramref name="highest"/> (those inside the range) arrived; false when nothing moved.</summary>
    public bool Covered(long lowest, long highest)
    {
        var (first, last) = (Remaining.First, Remaining.Last);
        if (highest < first || lowest > last)
        {
            return false;
        }

        if (lowest <= first)
        {
            Remaining = new TradeIdGap(Math.Max(first, highest + 1), last);
        }
        else if (highest >= last)
        {
            Remaining = new TradeIdGap(first, Math.Min(last, lowest - 1));
        }
        else
        {
            // A middle page: the exchange pages upward, so continue above it.
            Remaining = new TradeIdGap(highest + 1, last);
        }

        return true;
    }
}
