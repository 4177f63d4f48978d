namespace Sofia.PaperOms.Domain;

/// <summary>
/// The recent ticks of one market in arrival order, each with a running index, and the books trading it. A signal
/// that arrives after the tick closing its bar finds that tick here.
/// </summary>
internal sealed class MarketTape(string exchange, string symbol, int capacity)
{
    private readonly PaperTick[] _ring = new PaperTick[Math.Max(16, capacity)];

    public string Exchange { get; } = exchange;

    public string Symbol { get; } = symbol;

    public List<PaperBook> Books { get; } = [];

    /// <summary>Index the next tick gets; the first tick is 0.</summary>
    public long NextIndex { get; private set; }

    /// <summary>Oldest index still held.</summary>
    public long FirstIndex => Math.Max(0, NextIndex - _ring.Length);

    public PaperTick Last => this[NextIndex - 1];

    public PaperTick this[long index] => _ring[index % _ring.Length];

    public long Append(in PaperTick tick)
    {
        // The tape's own strings, not the tick's: the ring then holds nothing allocated per tick (see TickTradeId).
        _ring[NextIndex % _ring.Length] = tick with { Exchange = Exchange, Symbol = Symbol };
        return NextIndex++;
    }

    /// <summary>The index of the first held tick at or after <paramref name="timeUs"/>, or -1 when none arrived yet.</summary>
    public long FirstAtOrAfter(long timeUs)
    {
        // Ticks of one market arrive in exchange-time order (one subject), so a binary search over the ring holds.
        long lo = FirstIndex, hi = NextIndex;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (this[mid].TimeUs < timeUs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < NextIndex ? lo : -1;
    }
}
