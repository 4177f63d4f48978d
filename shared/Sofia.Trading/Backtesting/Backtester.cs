using System.Runtime.InteropServices;
using Sofia.Trading.Data;
using Sofia.Trading.Execution;
using Sofia.Trading.Indicators;
using Sofia.Trading.Metrics;
using Sofia.Trading.Portfolio;
using Sofia.Trading.Risk;
using Sofia.Trading.Sizing;
using Sofia.Trading.Strategies;

namespace Sofia.Trading.Backtesting;

/// <summary>
/// Drives bars through a strategy, the <see cref="ExecutionSimulator"/>, sizing, a <see cref="Ledger"/> and an
/// optional <see cref="RiskEngine"/>. Per step (one aligned bar per symbol): (1) a target decided at the previous
/// close becomes a market order stamped with this bar's open time and sized at this bar's open; (2) each simulator
/// fills its open orders against the bar; (3) equity is marked at the close and streamed into the metrics; (4) the
/// strategy decides at the close; target changes are kept for the next bar, strategy orders go to the simulators
/// live from the next bar. A decision on the last bar is never executed; open positions are marked to the last
/// close. Memory is O(1) in bars (see <see cref="BacktestOptions"/> for what may grow); the hot loop keeps doubles,
/// and decimal work happens only when orders are placed or filled.
/// </summary>
public sealed partial class Backtester
{
    private const double MicrosecondsPerYear = 365d * 24 * 3600 * 1_000_000;
    private readonly IStrategy _strategy;
    private readonly BacktestOptions _options;
    private readonly FillModel _model;
    private readonly StrategyContext _context;
    private readonly ExecutionSimulator[] _simulators;
    private readonly Ledger _ledger;
    private readonly Position?[] _positions;
    private readonly string[] _symbols;
    private readonly double[] _quantity;
    private readonly double[] _close;
    private readonly double[] _executed;
    private readonly double[] _pending;
    private readonly bool[] _hasPending;
    private readonly decimal[] _restingSells;
    private readonly RoundTripTracker[] _trips;
    private readonly List<ClosedTrade>? _trades;
    private readonly TradeStatisticsAccumulator _tradeStatistics = new();
    private readonly PerformanceAccumulator _performance;
    private readonly EquityCurveSampler? _curve;
    private readonly RiskEngine? _risk;
    private readonly BacktestAccountView _view;
    private readonly IDecisionObserver? _observer;
    private readonly PositionSizer? _sizer;
    private readonly AverageTrueRange[]? _atr;
    private readonly RollingStandardDeviation[]? _volatility;
    private readonly bool _longOnly;
    private readonly bool _targets;
    private readonly decimal _feeRate;
    private double _cash;
    private long _nextOrderId;
    private int _bars;
    private long _firstTimeUs;
    private long _lastTimeUs;
    private long _minStepUs = long.MaxValue;
    private decimal _tradedNotional;
    private long _orders;
    private long _fills;
    private int _rejections;

    /// <summary>Creates a backtester for <paramref name="strategy"/> trading <paramref name="symbols"/> (one per strategy symbol).</summary>
    public Backtester(IStrategy strategy, BacktestOptions options, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count != strategy.SymbolCount)
        {
            throw new ArgumentException($"Strategy '{strategy.Name}' trades {strategy.SymbolCount} symbol(s); {symbols.Count} given.", nameof(symbols));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.InitialCapital);
        _strategy = strategy;
        _options = options;
        _model = options.ResolveFillModel();
        _feeRate = _model.TakerFeeBps / 10_000m;
        _longOnly = options.Mode == TradingMode.LongOnly;
        _targets = strategy.Style == ExecutionStyle.TargetPosition;
        var count = symbols.Count;
        _symbols = [.. symbols];
        _context = new StrategyContext(count, allowShort: !_longOnly);
        _simulators = new ExecutionSimulator[count];
        _trips = new RoundTripTracker[count];
        for (var i = 0; i < count; i++)
        {
            _simulators[i] = new ExecutionSimulator(_symbols[i], _model);
            _trips[i] = new RoundTripTracker(_symbols[i]);
        }

        _positions = new Position?[count];
        _quantity = new double[count];
        _close = new double[count];
        _executed = new double[count];
        _pending = new double[count];
        _hasPending = new bool[count];
        _restingSells = new decimal[count];
        _ledger = new Ledger(strategy.Name, options.InitialCapital);
        _cash = (double)options.InitialCapital;
        _trades = options.RecordTrades ? [] : null;
        _performance = new PerformanceAccumulator(options.Permutations > 0);
        _performance.Start(_cash);
        if (options.EquityCurvePoints > 0)
        {
            _curve = new EquityCurveSampler(Math.Max(4, options.EquityCurvePoints));
        }

        _risk = options.Risk is null ? null : RiskEngine.Create(options.Risk);
        _view = new BacktestAccountView(_ledger, _symbols, _close);
        _observer = options.Observer;
        _sizer = options.Sizer;
        if (_sizer is not null)
        {
            _atr = new AverageTrueRange[count];
            _volatility = new RollingStandardDeviation[count];
            for (var i = 0; i < count; i++)
            {
                _atr[i] = new AverageTrueRange(14);
                _volatility[i] = new RollingStandardDeviation(60, DeviationKind.Sample);
            }
        }
    }

    /// <summary>Bars processed so far.</summary>
    public int BarCount => _bars;

    /// <summary>The ledger (exact cash, positions, fees).</summary>
    public Ledger Ledger => _ledger;

    /// <summary>Processes one aligned step: <paramref name="bars"/>[i] is symbol i's bar, all with the same open time.</summary>
    public void Step(ReadOnlySpan<Bar> bars)
    {
        if (bars.Length != _symbols.Length)
        {
            throw new ArgumentException($"Expected {_symbols.Length} bar(s) per step, got {bars.Length}.", nameof(bars));
        }

        var timeUs = bars[0].OpenTimeUs;
        for (var s = 1; s < bars.Length; s++)
        {
            if (bars[s].OpenTimeUs != timeUs)
            {
                throw new ArgumentException($"Bars of one step must share an open time: {bars[s].OpenTimeUs} µs ≠ {timeUs} µs.", nameof(bars));
            }
        }

        AdvanceClock(timeUs);
        for (var s = 0; s < bars.Length; s++)
        {
            Fill(s, bars[s]);
        }

        var equity = _cash;
        var inMarket = false;
        for (var s = 0; s < bars.Length; s++)
        {
            if (_quantity[s] != 0)
            {
                equity += _quantity[s] * bars[s].Close;
                inMarket = true;
            }
        }

        Decide(bars, timeUs, equity, inMarket);
    }

    /// <summary>Processes one bar of a single-symbol strategy (the hot path: no loops over symbols).</summary>
    public void Step(in Bar bar)
    {
        if (_symbols.Length != 1)
        {
            throw new ArgumentException($"Expected {_symbols.Length} bars per step, got 1.", nameof(bar));
        }

        AdvanceClock(bar.OpenTimeUs);
        Fill(0, bar);
        var quantity = _quantity[0];
        Decide(MemoryMarshal.CreateReadOnlySpan(in bar, 1), bar.OpenTimeUs, _cash + (quantity * bar.Close), quantity != 0);
    }

    /// <summary>Marks open positions at the last close and builds the result.</summary>
    public BacktestResult Complete()
    {
        var positions = new decimal[_symbols.Length];
        for (var s = 0; s < _symbols.Length; s++)
        {
            if (_positions[s] is not null)
            {
                _ledger.Mark(_symbols[s], (decimal)_close[s]);
                positions[s] = _positions[s]!.Quantity;
            }
        }

        var periodsPerYear = _options.PeriodsPerYear
            ?? (_minStepUs is > 0 and < long.MaxValue ? MicrosecondsPerYear / _minStepUs : Metrics.PeriodsPerYear.CryptoDays);
        var permutation = _options.Permutations > 0
            ? PermutationTest.SignFlip([.. _performance.Returns], _options.Permutations, _options.PermutationSeed)
            : (PermutationResult?)null;

        var curve = new List<EquityPoint>(_curve is null ? 1 : _options.EquityCurvePoints + 2)
        {
            new(-1, _firstTimeUs, (double)_options.InitialCapital, 0),
        };
        if (_curve is not null)
        {
            curve.AddRange(_curve.ToArray());
        }

        return new BacktestResult
        {
            Strategy = _strategy.Name,
            Symbols = _symbols,
            Mode = _options.Mode,
            Bars = _bars,
            FirstBarTimeUs = _firstTimeUs,
            LastBarTimeUs = _lastTimeUs,
            InitialCapital = _options.InitialCapital,
            FinalEquity = _ledger.Equity,
            Cash = _ledger.Cash,
            FinalPositions = positions,
            FeesPaid = _ledger.FeesPaid,
            TradedNotional = _tradedNotional,
            Orders = _orders,
            Fills = _fills,
            RiskRejections = _rejections,
            Summary = _performance.Summarize(_tradeStatistics.ToStatistics(), _tradedNotional, periodsPerYear, permutation),
            Trades = _trades is null ? [] : _trades.ToArray(),
            EquityCurve = curve,
        };
    }

    private void AdvanceClock(long timeUs)
    {
        if (_bars == 0)
        {
            _firstTimeUs = timeUs;
        }
        else if (timeUs <= _lastTimeUs)
        {
            throw new BarDataException(
                _bars + 1,
                timeUs == _lastTimeUs ? SanityRule.DuplicateTimestamp : SanityRule.UnsortedTimestamp,
                $"open time {timeUs} µs after {_lastTimeUs} µs");
        }
        else if (timeUs - _lastTimeUs < _minStepUs)
        {
            _minStepUs = timeUs - _lastTimeUs;
        }

        _lastTimeUs = timeUs;
    }

    private void Fill(int s, in Bar bar)
    {
        if (_hasPending[s])
        {
            ExecuteTarget(s, bar);
        }

        var simulator = _simulators[s];
        if (simulator.OpenOrderCount > 0)
        {
            var fills = simulator.OnBar(bar);
            if (!fills.IsEmpty)
            {
                Book(s, fills);
            }
        }

        if (_sizer is not null)
        {
            TrackVolatility(s, bar);
        }

        _close[s] = bar.Close;
    }

    private void Decide(ReadOnlySpan<Bar> bars, long timeUs, double equity, bool inMarket)
    {
        _performance.Add(equity, inMarket);
        _curve?.Add(new EquityPoint(_bars, timeUs, equity, _performance.CurrentDrawdown));
        _risk?.State.Observe(timeUs, (decimal)equity);

        _context.BeginBar(_bars, equity);
        for (var s = 0; s < bars.Length; s++)
        {
            _context.SetPosition(s, _quantity[s], _simulators[s].OpenOrderCount);
        }

        _strategy.OnBar(bars, _context);
        if (_targets)
        {
            for (var s = 0; s < bars.Length; s++)
            {
                var exposure = _context.SignalOf(s).Exposure;
                if (_longOnly && exposure < 0)
                {
                    exposure = 0;
                }

                _hasPending[s] = exposure != _executed[s];
                _pending[s] = exposure;
            }
        }
        else
        {
            SubmitStrategyOrders(bars);
        }

        if (_observer is not null)
        {
            for (var s = 0; s < bars.Length; s++)
            {
                _observer.OnSignal(_bars, s, _context.SignalOf(s));
            }
        }

        _bars++;
    }
}
