using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.Signals;
using Sofia.Trading;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// One replay of the window [<c>fromUs</c>, <c>toUs</c>): a paper engine restored from the OMS's records made before
/// <c>fromUs</c> (each book's records up to its first one at or after it; pending signals carry no time and are kept),
/// and a fresh <see cref="SignalEngine"/> over the plan. Trades from <c>warmFromUs</c> to <c>fromUs</c> only warm the
/// strategies up; each trade in the window goes to the paper engine, followed by the signals it produced, the order the
/// signal hub and the OMS see them live. With <c>runOrderStrategies</c> the paper engine runs the plan's order-placing
/// strategies as the live OMS does, restored as a restart restores them: from their recorded decisions, then the
/// trades of the bar open at <c>fromUs</c> (<see cref="ReadFromUs"/>). Feed each market's trades oldest first.
/// </summary>
internal sealed class PaperReplayRun
{
    private readonly long _warmFromUs;
    private readonly long _fromUs;
    private readonly long _toUs;
    private readonly SignalEngine _signals;
    private readonly PaperTradingEngine _engine;
    private readonly Dictionary<string, OrderStrategyResume> _openBars;
    private readonly List<PaperOutput> _outputs = [];
    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private long _tradeIndex;

    public PaperReplayRun(PaperEngineSettings settings, StrategyPlan plan, bool runOrderStrategies, long warmFromUs, long fromUs, long toUs,
        IEnumerable<(string Book, ulong Sequence, IMessage Record)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _warmFromUs = warmFromUs;
        _fromUs = fromUs;
        _toUs = toUs;
        _signals = new SignalEngine(plan);
        _engine = new PaperTradingEngine(settings, runOrderStrategies ? plan : null);
        foreach (var book in records.GroupBy(r => r.Book, StringComparer.Ordinal))
        {
            foreach (var (_, _, record) in book.OrderBy(r => r.Sequence).TakeWhile(r => PaperRecordTime.Of(r.Record) is not { } t || t < _fromUs))
            {
                _engine.Restore(record);
            }
        }

        _engine.CompleteRestore(_outputs);
        _outputs.Clear();
        _openBars = _engine.ResumePoints.ToDictionary(p => BookKey.MarketKey(p.Exchange, p.Symbol), StringComparer.Ordinal);
    }

    /// <summary>The replay's fills in the window.</summary>
    public IEnumerable<Fill> Fills => _outputs.Select(o => o.Message).OfType<Fill>().Where(f => f.TimeUs >= _fromUs && f.TimeUs < _toUs);

    /// <summary>The last trade price in the window per market (<c>{exchange}:{symbol}</c>).</summary>
    public IReadOnlyDictionary<string, decimal> LastPrices => _lastPrices;

    public long TradesReplayed { get; private set; }

    /// <summary>Where the market's stored trades are needed from: the warm-up, or the bar an order strategy has open at <c>fromUs</c>.</summary>
    public long ReadFromUs(string exchange, string symbol) =>
        _openBars.TryGetValue(BookKey.MarketKey(exchange, symbol), out var open) ? Math.Min(_warmFromUs, open.FromTimeUs) : _warmFromUs;

    public void OnTrade(string exchange, string symbol, in TradeTick trade)
    {
        if (trade.TimeUs >= _toUs)
        {
            return;
        }

        // Stored trades carry no trade id; the index keeps repeated prices at one time apart.
        var tradeId = "replay-" + (++_tradeIndex).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signals = trade.TimeUs >= _warmFromUs ? _signals.OnTick(exchange, symbol, trade, tradeId) : [];
        var tick = new PaperTick(exchange, symbol, (decimal)trade.Price, (decimal)trade.Quantity, tradeId, trade.TimeUs, 0);
        if (trade.TimeUs < _fromUs)
        {
            // The live OMS had seen these trades of its order strategies' open bar, as a restart reads them again.
            if (_openBars.TryGetValue(BookKey.MarketKey(exchange, symbol), out var open) && trade.TimeUs >= open.FromTimeUs && trade.TimeUs < open.UntilTimeUs)
            {
                _engine.ResumeOrderStrategies(tick);
            }

            return;
        }

        _engine.OnTick(tick, _outputs);
        _lastPrices[BookKey.MarketKey(exchange, symbol)] = tick.Price;
        TradesReplayed++;
        foreach (var signal in signals)
        {
            _engine.OnSignal(new PaperSignal(signal.Id, signal.Strategy, signal.Exchange, signal.Symbol, signal.Direction, signal.Strength,
                signal.BarOpenTimeUs, signal.BarIntervalSeconds), _outputs);
        }
    }
}
