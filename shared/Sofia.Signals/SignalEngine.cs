using Sofia.Signals.Internal;
using Sofia.Trading;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Signals;

/// <summary>
/// Turns trades into strategy signals, the same way live (signal hub) and in replays (paper OMS): per market of the
/// <see cref="StrategyPlan"/> it builds bars with the trading core's <see cref="TimeBarAggregator"/> (a bar closes when
/// the first trade of a later interval arrives), runs each strategy's <see cref="IStrategy.OnBar"/> at the close,
/// then the market's weighted-vote fusion (<see cref="FusedStrategy"/>, confidence scaled by the
/// <see cref="SentimentOverlay"/>), and returns that bar's signals with deterministic ids.
/// <para>
/// No cold signal: a strategy says nothing until it has decided on <see cref="IStrategy.WarmUpBars"/> bars and its
/// reason is no longer <c>warmup</c>. History bars (<see cref="WarmUp"/>) count, so a service that loads enough history
/// signals from its first live bar.
/// </para>
/// <para>
/// Promoted parameters (<see cref="TryPromote"/>) take effect at the next bar close: the strategy (and the fusion, whose
/// members are separate instances) is rebuilt with them and re-warmed on the last
/// <see cref="SignalEngineOptions.HistoryBars"/> bars kept per market, then decides on the new bar. With too few kept
/// bars it stays silent until it has seen enough.
/// </para>
/// <para>
/// Redelivered trades change nothing: a trade id already in the open bar is skipped, and trades older than the open bar
/// (or inside an interval already closed or warmed up) are dropped. Not thread-safe, except
/// <see cref="TryPromote"/> and the overlay, which may be called from any thread.
/// </para>
/// </summary>
public sealed class SignalEngine
{
    private readonly Dictionary<(string Exchange, string Symbol), MarketPipeline> _markets = [];
    private readonly Dictionary<string, MarketPipeline> _bySymbol = new(StringComparer.Ordinal);

    /// <summary>Creates an engine for <paramref name="plan"/>.</summary>
    public SignalEngine(StrategyPlan plan, SignalEngineOptions? options = null, SentimentOverlay? sentiment = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        Options = options ?? new SignalEngineOptions();
        Sentiment = sentiment ?? new SentimentOverlay();
        foreach (var market in plan.Markets)
        {
            var pipeline = new MarketPipeline(market, plan.BarInterval, Options);
            _markets.Add((market.Exchange, market.Symbol), pipeline);
            _bySymbol.Add(market.Symbol, pipeline);
        }
    }

    /// <summary>The plan as loaded (promoted parameters are in <see cref="CurrentEntries"/>).</summary>
    public StrategyPlan Plan { get; }

    /// <summary>The options.</summary>
    public SignalEngineOptions Options { get; }

    /// <summary>The news overlay of the fused confidence.</summary>
    public SentimentOverlay Sentiment { get; }

    /// <summary>Bars built from trades so far, all markets.</summary>
    public long BarsBuilt => _markets.Values.Sum(m => m.BarsBuilt);

    /// <summary>Bars built from trades so far in the market of <paramref name="symbol"/>.</summary>
    public long BarsBuiltFor(string symbol) => Require(symbol).BarsBuilt;

    /// <summary>Trades dropped as older than the open bar or inside a closed or warmed-up interval.</summary>
    public long DroppedTicks => _markets.Values.Sum(m => m.DroppedTicks);

    /// <summary>Trades skipped because their trade id was already in the open bar (redeliveries).</summary>
    public long DuplicateTicks => _markets.Values.Sum(m => m.DuplicateTicks);

    /// <summary>True when every strategy of every market has seen its warm-up bars.</summary>
    public bool IsWarm => _markets.Values.All(m => m.IsWarm);

    /// <summary>True when the market is in the plan.</summary>
    public bool Handles(string exchange, string symbol) => _markets.ContainsKey((exchange, symbol));

    /// <summary>True when every strategy of <paramref name="symbol"/> has seen its warm-up bars.</summary>
    public bool IsWarmFor(string symbol) => Require(symbol).IsWarm;

    /// <summary>Bars of history that make every current strategy of <paramref name="symbol"/> warm.</summary>
    public int RequiredHistoryBars(string symbol) => Require(symbol).RequiredHistoryBars;

    /// <summary>The strategies of <paramref name="symbol"/> with the parameters in force (promotions applied so far).</summary>
    public IReadOnlyList<StrategyEntry> CurrentEntries(string symbol) => Require(symbol).Entries;

    /// <summary>
    /// Adds one trade in arrival order; returns the signals of the bar it closed (empty when it closed none, or when
    /// the market is not in the plan). The list is the caller's.
    /// </summary>
    /// <param name="exchange">Lower-case exchange.</param>
    /// <param name="symbol">Canonical symbol.</param>
    /// <param name="tick">The trade.</param>
    /// <param name="tradeId">The exchange's trade id (skips a redelivered trade inside the open bar), or null.</param>
    public IReadOnlyList<StrategySignal> OnTick(string exchange, string symbol, in TradeTick tick, string? tradeId) =>
        _markets.TryGetValue((exchange, symbol), out var market) ? market.OnTick(tick, tradeId, Sentiment) : [];

    /// <summary>
    /// Feeds history bars (of the plan's interval, oldest first) to warm the strategies up before the first live trade;
    /// nothing is returned. Bars not later than the last one fed are skipped; trades inside the warmed-up intervals are
    /// then dropped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The market already has an open bar from trades.</exception>
    public void WarmUp(string exchange, string symbol, IEnumerable<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var market = Require(exchange, symbol);
        foreach (var bar in bars)
        {
            market.WarmUp(bar);
        }
    }

    /// <summary>
    /// Runs one complete bar (instead of trades, for bar-driven replays); returns its signals. A bar not later than
    /// the last one is ignored.
    /// </summary>
    /// <exception cref="InvalidOperationException">The market is building a bar from trades.</exception>
    public IReadOnlyList<StrategySignal> OnBar(string exchange, string symbol, in AggregatedBar bar) =>
        Require(exchange, symbol).CloseBar(bar, Sentiment);

    /// <summary>
    /// Queues promoted parameters of <paramref name="strategy"/> on <paramref name="symbol"/>, applied at the next bar
    /// close. They override the plan's values; parameters absent from both take their defaults (an empty set goes
    /// back to the plan). Invalid values leave the current parameters in force and are reported in
    /// <paramref name="error"/>; values equal to those in force change nothing (no rebuild). Thread-safe.
    /// </summary>
    /// <returns>The entry that will run, or null with <paramref name="error"/> set.</returns>
    public StrategyEntry? TryPromote(string strategy, string symbol, IReadOnlyDictionary<string, string> parameters, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!_bySymbol.TryGetValue(symbol, out var market))
        {
            error = $"symbol '{symbol}' is not in the strategy plan";
            return null;
        }

        if (market.Plan.Find(strategy) is not { } planned)
        {
            error = $"strategy '{strategy}' is not in the plan of {symbol}";
            return null;
        }

        var merged = new Dictionary<string, string>(planned.Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (PlanYamlReader.CheckParameter(planned.Descriptor, name, value) is { } problem)
            {
                error = $"{name}: {problem}";
                return null;
            }

            merged[name] = value;
        }

        StrategyEntry entry;
        try
        {
            entry = planned.WithParameters(merged);
        }
        catch (StrategyParameterException e)
        {
            error = e.Message;
            return null;
        }

        // A promotion equal to the parameters in force (a watch restating the current value) changes nothing, unless
        // another promotion is still waiting for the next bar: then this one replaces it.
        if (market.HasPending(strategy) || !market.Entries.Any(e => e.Name == strategy && e.SameParameters(entry)))
        {
            market.Promote(entry);
        }

        error = null;
        return entry;
    }

    private MarketPipeline Require(string symbol) =>
        _bySymbol.TryGetValue(symbol, out var market) ? market : throw new ArgumentException($"Symbol '{symbol}' is not in the strategy plan.", nameof(symbol));

    private MarketPipeline Require(string exchange, string symbol) =>
        _markets.TryGetValue((exchange, symbol), out var market) ? market : throw new ArgumentException($"Market {exchange}/{symbol} is not in the strategy plan.", nameof(symbol));
}
