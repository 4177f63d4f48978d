using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.Signals;
using Sofia.Trading;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// One replay of the window [<c>fromUs</c>, <c>toUs</c>): a paper engine restored from the OMS's records made before
/// <c>fromUs</c> (each book's records up to its first one at or after it; pending signals carry no time and are kept),
/// and a fresh <see cref="SignalEngine"/> over the plan. Trades before <c>fromUs</c> only warm the strategies up; each
/// trade in the window goes to the paper engine, followed by the signals it produced, the order the signal hub and the
/// OMS see them live. Feed each market's trades oldest first.
/// </summary>
internal sealed class PaperReplayRun
{
    private readonly long _fromUs;
    private readonly long _toUs;
    private readonly SignalEngine _signals;
    private readonly PaperTradingEngine _engine;
    private readonly List<PaperOutput> _outputs = [];
    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private long _tradeIndex;

    public PaperReplayRun(PaperEngineSettings settings, StrategyPlan plan, long fromUs, long toUs, IEnumerable<(string Book, ulong Sequence, IMessage Record)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _fromUs = fromUs;
        _toUs = toUs;
        _signals = new SignalEngine(plan);
        _engine = new PaperTradingEngine(settings);
        foreach (var book in records.GroupBy(r => r.Book, StringComparer.Ordinal))
        {
            foreach (var (_, _, record) in book.OrderBy(r => r.Sequence).TakeWhile(r => PaperRecordTime.Of(r.Record) is not { } t || t < fromUs))
            {
                _engine.Restore(record);
            }
        }

        _engine.CompleteRestore(_outputs);
        _outputs.Clear();
    }

    /// <summary>The replay's fills in the window.</summary>
    public IEnumerable<Fill> Fills => _outputs.Select(o => o.Message).OfType<Fill>().Where(f => f.TimeUs >= _fromUs && f.TimeUs < _toUs);

    /// <summary>The last trade price in the window per market (<c>{exchange}:{symbol}</c>).</summary>
    public IReadOnlyDictionary<string, decimal> LastPrices => _lastPrices;

    public long TradesReplayed { get; private set; }

    public void OnTrade(string exchange, string symbol, in TradeTick trade)
    {
        if (trade.TimeUs >= _toUs)
        {
            return;
        }

        // Stored trades carry no trade id; the index keeps repeated prices at one time apart.
        var tradeId = "replay-" + (++_tradeIndex).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signals = _signals.OnTick(exchange, symbol, trade, tradeId);
        if (trade.TimeUs < _fromUs)
        {
            return;
        }

        var price = (decimal)trade.Price;
        _engine.OnTick(new PaperTick(exchange, symbol, price, (decimal)trade.Quantity, tradeId, trade.TimeUs, 0), _outputs);
        _lastPrices[BookKey.MarketKey(exchange, symbol)] = price;
        TradesReplayed++;
        foreach (var signal in signals)
        {
            _engine.OnSignal(new PaperSignal(signal.Id, signal.Strategy, signal.Exchange, signal.Symbol, signal.Direction, signal.Strength,
                signal.BarOpenTimeUs, signal.BarIntervalSeconds), _outputs);
        }
    }
}
