using System.Text;

namespace Sofia.MarketData.Internal;

/// <summary>
/// One exchange and symbol in the embedded store: minutes in time order, the ids of the trades held (the de-duplication
/// key), and the memory policy: past <c>maxTrades</c> held trades the oldest minutes drop their trades (keeping their
/// candles), past <c>maxMinutes</c> the oldest minutes go altogether. A trade older than what was dropped can no longer be
/// told from a duplicate, so it is refused (counted). Every member runs under the store's lock.
/// </summary>
internal sealed class EmbeddedMarket(string exchange, string symbol, int maxTrades, int maxMinutes)
{
    private const long MinuteUs = 60_000_000;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<EmbeddedMinute> _minutes = [];
    private readonly byte[] _exchangeUtf8 = Encoding.UTF8.GetBytes(exchange);
    private readonly byte[] _symbolUtf8 = Encoding.UTF8.GetBytes(symbol);
    private int _firstHeld;
    private long _heldTrades;

    public string Exchange { get; } = exchange;

    public string Symbol { get; } = symbol;

    /// <summary>Trades before this minute (epoch s) were dropped; older ones are refused.</summary>
    public long DroppedBeforeSeconds { get; private set; } = long.MinValue;

    public IReadOnlyList<EmbeddedMinute> Minutes => _minutes;

    public bool Is(ReadOnlySpan<byte> exchangeUtf8, ReadOnlySpan<byte> symbolUtf8) =>
        exchangeUtf8.SequenceEqual(_exchangeUtf8) && symbolUtf8.SequenceEqual(_symbolUtf8);

    /// <summary>Adds a trade unless its id is held already; false when it is a duplicate or too old to check.</summary>
    public bool TryAdd(ReadOnlySpan<byte> tradeIdUtf8, Int128 price, Int128 quantity, byte side, long timeUs, out bool late)
    {
        var minuteStart = FloorDiv(timeUs, MinuteUs) * 60;
        late = minuteStart < DroppedBeforeSeconds;
        if (late)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[256];
        var chars = tradeIdUtf8.Length <= buffer.Length ? buffer[..Encoding.UTF8.GetChars(tradeIdUtf8, buffer)] : Encoding.UTF8.GetString(tradeIdUtf8).AsSpan();
        if (_ids.GetAlternateLookup<ReadOnlySpan<char>>().Contains(chars))
        {
            return false;
        }

        var id = chars.ToString();
        _ids.Add(id);
        MinuteAt(minuteStart).Add(new EmbeddedTrade(id, timeUs, price, quantity, side));
        _heldTrades++;
        Enforce();
        return true;
    }

    /// <summary>Index of the first minute starting at or after <paramref name="seconds"/>.</summary>
    public int IndexAtOrAfter(long seconds)
    {
        int low = 0, high = _minutes.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_minutes[mid].StartSeconds < seconds)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }

    private EmbeddedMinute MinuteAt(long start)
    {
        // Trades arrive mostly in time order: the last minute, or a new one after it.
        if (_minutes.Count > 0 && _minutes[^1].StartSeconds == start)
        {
            return _minutes[^1];
        }

        var index = _minutes.Count > 0 && _minutes[^1].StartSeconds < start ? _minutes.Count : IndexAtOrAfter(start);
        if (index < _minutes.Count && _minutes[index].StartSeconds == start)
        {
            return _minutes[index];
        }

        var minute = new EmbeddedMinute(start);
        _minutes.Insert(index, minute);
        if (index < _firstHeld)
        {
            _firstHeld = index;
        }

        return minute;
    }

    private void Enforce()
    {
        while (_heldTrades > maxTrades && _firstHeld < _minutes.Count)
        {
            Drop(_minutes[_firstHeld]);
            _firstHeld++;
        }

        if (_minutes.Count > maxMinutes)
        {
            var excess = _minutes.Count - maxMinutes;
            for (var i = 0; i < excess; i++)
            {
                Drop(_minutes[i]);
            }

            _minutes.RemoveRange(0, excess);
            _firstHeld = Math.Max(0, _firstHeld - excess);
        }
    }

    private void Drop(EmbeddedMinute minute)
    {
        foreach (var trade in minute.DropTrades())
        {
            _ids.Remove(trade.TradeId);
            _heldTrades--;
        }

        DroppedBeforeSeconds = Math.Max(DroppedBeforeSeconds, minute.StartSeconds + 60);
    }
}
