namespace Sofia.ExchangeSimulator.Internal;

/// <summary>
/// The newest trades of one symbol in a ring, addressable by id (ids are consecutive from 1), for the REST
/// endpoints and as the truth tests compare against. One writer (the pump), many readers.
/// </summary>
internal sealed class TradeHistory(int capacity)
{
    private readonly SimulatedTrade[] _ring = new SimulatedTrade[capacity];
    private readonly Lock _gate = new();
    private long _lastId;

    /// <summary>The newest id, 0 before the first trade.</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    public void Add(in SimulatedTrade trade)
    {
        lock (_gate)
        {
            _ring[(trade.TradeId - 1) % _ring.Length] = trade;
            _lastId = trade.TradeId;
        }
    }

    /// <summary>Up to <paramref name="limit"/> trades from <paramref name="fromId"/> upward (from the oldest kept when older), oldest first.</summary>
    public List<SimulatedTrade> From(long fromId, int limit)
    {
        lock (_gate)
        {
            var first = Math.Max(fromId, FirstId());
            return Copy(first, Math.Min(_lastId, first + limit - 1));
        }
    }

    /// <summary>Up to <paramref name="limit"/> trades with ids below <paramref name="beforeId"/>, oldest first.</summary>
    public List<SimulatedTrade> Before(long beforeId, int limit)
    {
        lock (_gate)
        {
            var last = Math.Min(beforeId - 1, _lastId);
            return Copy(Math.Max(FirstId(), last - limit + 1), last);
        }
    }

    /// <summary>The newest <paramref name="limit"/> trades, oldest first.</summary>
    public List<SimulatedTrade> Newest(int limit) => Before(long.MaxValue, limit);

    private long FirstId() => Math.Max(1, _lastId - _ring.Length + 1);

    private List<SimulatedTrade> Copy(long first, long last)
    {
        var result = new List<SimulatedTrade>((int)Math.Max(0, last - first + 1));
        for (var id = first; id <= last; id++)
        {
            result.Add(_ring[(id - 1) % _ring.Length]);
        }

        return result;
    }
}
