using Sofia.Trading.Portfolio;
using Sofia.Trading.Sizing;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// The paper OMS without I/O: signals, ticks and control changes in; order intents, order events, fills, checkpoints
/// and kill-switch trips out (appended to the caller's list, to be published before the input is acknowledged).
/// Every strategy trades each market in its own book (ledger, risk state, K-factor); the account nets them all.
/// A signal for the bar [open, open + interval) fills at the first tick of its market at or after open + interval,
/// whether the signal arrives before or after that tick, so live trading, a restart and the replay agree.
/// Not thread-safe: one caller at a time.
/// </summary>
internal sealed partial class PaperTradingEngine
{
    private readonly PaperEngineSettings _settings;
    private readonly Dictionary<string, MarketTape> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PaperBook> _books = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processedSignals = new(StringComparer.Ordinal);
    private readonly PositionSizer[] _sizers;
    private readonly Queue<PaperFillRecord> _history = new();

    public PaperTradingEngine(PaperEngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.FillModel.Validate();
        _settings = settings;
        _sizers = [.. settings.Ramp.Stages.Select(k => new FixedFractionSizer(settings.SizingFraction, k, settings.Lot))];
    }

    public PaperEngineSettings Settings => _settings;

    /// <summary>Every book's fills netted, plus one ledger per book.</summary>
    public Account Account { get; } = new("paper");

    public IReadOnlyCollection<PaperBook> Books => _books.Values;

    public bool KillSwitchEngaged { get; private set; }

    public string KillSwitchReason { get; private set; } = string.Empty;

    /// <summary>False in trading mode <c>off</c>: signals are recorded as skipped and nothing new is ordered.</summary>
    public bool TradingEnabled { get; private set; } = true;

    /// <summary>The most recent fills, oldest first.</summary>
    public IReadOnlyCollection<PaperFillRecord> History => _history;

    /// <summary>Exchange time of the last tick seen.</summary>
    public long LastTickTimeUs { get; private set; }

    /// <summary>True when the signal id was handled before (it must not trade again).</summary>
    public bool HasProcessed(string signalId) => _processedSignals.Contains(signalId);

    public PaperBook? FindBook(string id) => _books.GetValueOrDefault(id);

    /// <summary>Handles a signal; false when its id was already handled (nothing is output).</summary>
    public bool OnSignal(PaperSignal signal, List<PaperOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_processedSignals.Add(signal.SignalId))
        {
            return false;
        }

        var tape = Tape(signal.Exchange, signal.Symbol);
        var book = _books.GetValueOrDefault(signal.Book.Id);
        if (book is null)
        {
            book = CreateBook(signal.Book, signal.IntervalUs, tape);
            // A new book starts just before the tick that closes the signal's bar, then catches up in order.
            var first = tape.FirstAtOrAfter(signal.CloseTimeUs);
            book.LastTickIndex = (first < 0 ? tape.NextIndex : first) - 1;
            book.NextBarCloseUs = signal.CloseTimeUs;
        }

        var t0 = book.Pending.Count == 0 ? tape.FirstAtOrAfter(signal.CloseTimeUs) : -1;
        if (t0 >= 0 && t0 <= book.LastTickIndex)
        {
            // The tick that closed the bar was already processed by this book: fill there, then let the order
            // meet the ticks after it that the book has already seen.
            Resolve(book, signal, tape, t0, outputs);
            return true;
        }

        book.Pending.Enqueue(signal);
        outputs.Add(Handled(book, signal, SignalOutcomes.Pending, 0, 0));
        Advance(book, tape, outputs);
        return true;
    }

    /// <summary>
    /// Marks every book of the tick's market, runs their bar-close checkpoints, due signals and open orders. A market's
    /// ticks come in exchange-time order on one subject, so a tick older than the market's last one, or that one again,
    /// is a redelivery: it is not added again (false), but books that had not processed it yet (a restart interrupted
    /// the tick) catch up to it.
    /// </summary>
    public bool OnTick(in PaperTick tick, List<PaperOutput> outputs)
    {
        var tape = Tape(tick.Exchange, tick.Symbol);
        var fresh = tape.NextIndex == 0 || tick.TimeUs > tape.Last.TimeUs || (tick.TimeUs == tape.Last.TimeUs && tick.TradeId != tape.Last.TradeId);
        var market = BookKey.MarketKey(tick.Exchange, tick.Symbol);
        if (fresh)
        {
            var decisions = DecideOnTick(tick);
            tape.Append(tick);
            LastTickTimeUs = Math.Max(LastTickTimeUs, tick.TimeUs);
            Account.Combined.Mark(market, tick.Price);
            QueueDecisions(decisions, tape);
        }

        foreach (var book in tape.Books)
        {
            if (fresh)
            {
                book.Ledger.Mark(market, tick.Price);
            }

            Advance(book, tape, outputs);
        }

        return fresh;
    }

    /// <summary>Engages or releases the kill switch (the KV bucket's value, or an operator's call).</summary>
    public void SetKillSwitch(bool engaged, string reason)
    {
        KillSwitchEngaged = engaged;
        KillSwitchReason = engaged ? reason : string.Empty;
        foreach (var book in _books.Values)
        {
            ApplyKillSwitch(book);
        }
    }

    public void SetTradingEnabled(bool enabled) => TradingEnabled = enabled;

    private MarketTape Tape(string exchange, string symbol)
    {
        var key = BookKey.MarketKey(exchange, symbol);
        if (!_markets.TryGetValue(key, out var tape))
        {
            tape = new MarketTape(exchange, symbol, _settings.TickBufferSize);
            _markets.Add(key, tape);
        }

        return tape;
    }

    private PaperBook CreateBook(BookKey key, long intervalUs, MarketTape tape)
    {
        if (intervalUs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalUs), intervalUs, "A book needs a positive bar interval.");
        }

        var ledger = Account.AddStrategy(key.Id, _settings.StartingCashPerBook);
        var book = new PaperBook(key, intervalUs, ledger, _settings);
        ApplyKillSwitch(book);
        _books.Add(key.Id, book);
        tape.Books.Add(book);
        if (tape.NextIndex > 0)
        {
            ledger.Mark(key.Market, tape.Last.Price);
        }

        return book;
    }

    private void ApplyKillSwitch(PaperBook book)
    {
        if (KillSwitchEngaged)
        {
            book.Risk.State.EngageKillSwitch(KillSwitchReason);
        }
        else
        {
            book.Risk.State.ReleaseKillSwitch();
        }
    }
}
