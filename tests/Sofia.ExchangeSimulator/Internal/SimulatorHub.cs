using Microsoft.Extensions.Logging;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>
/// The market, its per-symbol history and every connected session. The pump generates trades, records them,
/// and fans each symbol's trades out to its subscribers; fault commands act on sessions by exchange.
/// </summary>
internal sealed class SimulatorHub : IDisposable
{
    public const int FormatCount = 5;
    private const int BatchSize = 16_384;
    private const int MaxBatchesPerPump = 64;

    private readonly Lock _sessionsGate = new();
    private readonly Dictionary<string, int> _symbolIndex;
    private readonly int[] _skip;
    private readonly SimulatedTrade[] _batch = new SimulatedTrade[BatchSize];
    private readonly SimulatedTrade[][] _bySymbol;
    private readonly int[] _bySymbolCount;
    private readonly FrameBlock?[] _shared;
    private readonly Utf8Writer _scratch = new(64 * 1024);
    private ExchangeSession[] _sessions = [];
    private long _connections;

    public SimulatorHub(ExchangeSimulatorOptions options, TimeProvider clock, ILogger logger)
    {
        Options = options;
        Clock = clock;
        Logger = logger;
        Market = new MarketSimulator(options.Market, clock);
        Symbols = new SymbolTable(options.Market.Symbols);
        Histories = [.. Enumerable.Range(0, Symbols.Count).Select(_ => new TradeHistory(options.HistoryCapacity))];
        _symbolIndex = Enumerable.Range(0, Symbols.Count).ToDictionary(i => Symbols.Canonical[i], StringComparer.Ordinal);
        _skip = new int[Symbols.Count];
        _bySymbol = [.. Enumerable.Range(0, Symbols.Count).Select(_ => new SimulatedTrade[1024])];
        _bySymbolCount = new int[Symbols.Count];
        _shared = new FrameBlock?[FormatCount * Symbols.Count];
        LastStreamedPrice = [.. options.Market.Symbols.Select(s => (long)(s.InitialPrice * (decimal)Math.Pow(10, s.PriceDecimals)))];
        LastTickDirection = new int[Symbols.Count];
    }

    public ExchangeSimulatorOptions Options { get; }

    public TimeProvider Clock { get; }

    public ILogger Logger { get; }

    public MarketSimulator Market { get; }

    public SymbolTable Symbols { get; }

    public TradeHistory[] Histories { get; }

    /// <summary>Held while a batch is distributed and while a subscription changes, so a snapshot and the stream after it join exactly.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Price of the last trade streamed per symbol before the current batch (tick direction for Bybit).</summary>
    public long[] LastStreamedPrice { get; }

    /// <summary>Tick direction of that trade: +1 up, −1 down, 0 none yet.</summary>
    public int[] LastTickDirection { get; }

    public long NowUs => MarketSimulator.NowUs(Clock);

    public string NextConnectionId() => Interlocked.Increment(ref _connections).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "-sim";

    public bool TrySymbol(string? canonical, out int index) => _symbolIndex.TryGetValue(canonical ?? string.Empty, out index);

    public void Register(ExchangeSession session)
    {
        lock (_sessionsGate)
        {
            _sessions = [.. _sessions, session];
        }
    }

    public void Unregister(ExchangeSession session)
    {
        lock (_sessionsGate)
        {
            _sessions = [.. _sessions.Where(s => !ReferenceEquals(s, session))];
        }
    }

    public ExchangeSession[] Sessions(string? exchange)
    {
        var all = Volatile.Read(ref _sessions);
        return exchange is null ? all : [.. all.Where(s => s.Exchange == exchange)];
    }

    public void SkipTradeIds(int symbol, int count) => Interlocked.Add(ref _skip[symbol], count);

    /// <summary>Generates every trade due by the clock and sends it; then runs each session's timers.</summary>
    public void Pump()
    {
        var nowUs = NowUs;
        lock (Gate)
        {
            for (var round = 0; round < MaxBatchesPerPump; round++)
            {
                var count = Market.Generate(_batch);
                if (count > 0)
                {
                    Distribute(_batch.AsSpan(0, count), nowUs);
                }

                if (count < _batch.Length)
                {
                    break;
                }
            }

            foreach (var session in Volatile.Read(ref _sessions))
            {
                session.OnTick(nowUs, _scratch);
            }
        }
    }

    public void Dispose()
    {
        foreach (var session in Volatile.Read(ref _sessions))
        {
            session.Connection.Abort();
        }

        _scratch.Dispose();
    }

    private void Distribute(ReadOnlySpan<SimulatedTrade> trades, long nowUs)
    {
        Array.Clear(_bySymbolCount);
        foreach (ref readonly var trade in trades)
        {
            var symbol = _symbolIndex[trade.Symbol];
            Histories[symbol].Add(trade);
            if (Volatile.Read(ref _skip[symbol]) > 0 && Interlocked.Decrement(ref _skip[symbol]) >= 0)
            {
                continue;
            }

            ref var list = ref _bySymbol[symbol];
            if (_bySymbolCount[symbol] == list.Length)
            {
                Array.Resize(ref list, list.Length * 2);
            }

            list[_bySymbolCount[symbol]++] = trade;
        }

        Array.Clear(_shared);
        foreach (var session in Volatile.Read(ref _sessions))
        {
            if (session.IsStalled(nowUs))
            {
                continue;
            }

            foreach (var symbol in session.Subscriptions)
            {
                var count = _bySymbolCount[symbol];
                if (count == 0)
                {
                    continue;
                }

                var span = _bySymbol[symbol].AsSpan(0, count);
                if (session.SharedFormat < 0)
                {
                    session.SendOwnTrades(symbol, span, nowUs, _scratch);
                    continue;
                }

                ref var block = ref _shared[(session.SharedFormat * Symbols.Count) + symbol];
                if (block is null)
                {
                    block = new FrameBlock(count * 200);
                    session.EncodeShared(block, symbol, span, nowUs, _scratch);
                }

                session.Connection.Enqueue(block);
            }
        }

        foreach (var block in _shared)
        {
            block?.Release();
        }

        for (var symbol = 0; symbol < Symbols.Count; symbol++)
        {
            foreach (var trade in _bySymbol[symbol].AsSpan(0, _bySymbolCount[symbol]))
            {
                LastTickDirection[symbol] = TickDirection(LastStreamedPrice[symbol], LastTickDirection[symbol], trade.PriceMantissa);
                LastStreamedPrice[symbol] = trade.PriceMantissa;
            }
        }
    }

    /// <summary>+1 for an up-tick (or a zero tick after one), −1 for a down-tick (or a zero tick after one).</summary>
    public static int TickDirection(long previousPrice, int previousDirection, long price) =>
        price > previousPrice ? 1 : price < previousPrice ? -1 : previousDirection;
}
