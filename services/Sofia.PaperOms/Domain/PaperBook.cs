using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;
using Sofia.Trading.Risk;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// The state of one book (strategy × market): its ledger, risk state, K-factor ramp, execution simulator, open orders,
/// signals waiting for the tick that closes their bar, and the event sequence its records are numbered by. The
/// engine drives it; it holds no logic that looks outside its own market.
/// </summary>
internal sealed class PaperBook
{
    public PaperBook(BookKey key, long intervalUs, Ledger ledger, PaperEngineSettings settings)
    {
        Key = key;
        Id = key.Id;
        Market = key.Market;
        IntervalUs = intervalUs;
        Ledger = ledger;
        Risk = RiskEngine.Create(settings.Risk);
        Simulator = new ExecutionSimulator(Market, settings.FillModel);
        Ramp = new KFactorRamp(settings.Ramp);
        View = new PricedBookView(ledger, Market);
    }

    public BookKey Key { get; }

    public string Id { get; }

    public string Market { get; }

    public long IntervalUs { get; }

    public Ledger Ledger { get; }

    public RiskEngine Risk { get; }

    public ExecutionSimulator Simulator { get; }

    public KFactorRamp Ramp { get; }

    public PricedBookView View { get; }

    /// <summary>Signals waiting for their fill tick, oldest first.</summary>
    public Queue<PaperSignal> Pending { get; } = new();

    /// <summary>Decisions of an order-placing strategy waiting for the tick that closed their bar.</summary>
    public Queue<GridDecision> Decisions { get; } = new();

    /// <summary>Open orders by simulator id.</summary>
    public Dictionary<long, BookOrder> Orders { get; } = [];

    /// <summary>The bar close the next checkpoint waits for.</summary>
    public long NextBarCloseUs { get; set; }

    /// <summary>Index (in the market tape) of the last tick this book processed; -1 before the first.</summary>
    public long LastTickIndex { get; set; } = -1;

    /// <summary>Exchange time and equity of the last risk observation (a checkpoint).</summary>
    public long LastObservedUs { get; set; } = long.MinValue;

    public decimal LastObservedEquity { get; set; }

    /// <summary>The target exposure of the last executed signal.</summary>
    public double ExecutedExposure { get; set; }

    /// <summary>Last book sequence used; records are numbered from 1.</summary>
    public ulong Sequence { get; set; }

    public long NextOrderId { get; set; }

    /// <summary>Signed position in the book's market.</summary>
    public decimal Quantity => Ledger.PositionQuantity(Market);

    public ulong NextSequence() => ++Sequence;

    /// <summary>The book's equity valued at <paramref name="price"/>.</summary>
    public decimal EquityAt(decimal price) => Ledger.Cash + (Quantity * price);
}
