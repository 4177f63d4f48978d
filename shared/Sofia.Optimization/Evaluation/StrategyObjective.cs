using Sofia.Optimization.Scoring;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Validation;
using Sofia.Trading;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Metrics;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Evaluation;

/// <summary>
/// Scores a parameter set of one single-symbol strategy on one symbol's bars, out of sample only. Per fold a fresh
/// strategy first runs over the bars before the test segment (the training segment that ends there, which also
/// gives the in-sample figures; else <see cref="ObjectiveSettings.WarmUpBars"/> bars), then a fresh backtester from
/// flat with the starting capital runs the test segment with the strategy's state carried over: indicators are warm,
/// and a position the strategy holds is entered at the test's first open. So no trade spans a boundary and no test
/// bar reaches a training figure. The test windows are pooled (<see cref="OutOfSampleMetrics"/>) and scored by
/// <see cref="ObjectiveScore"/>. Thread-safe: every evaluation builds its own strategy and backtesters over the shared,
/// read-only bars.
/// </summary>
public sealed class StrategyObjective
{
    private readonly StrategyDescriptor _descriptor;
    private readonly string _symbol;
    private readonly Bar[] _bars;
    private readonly IReadOnlyList<Fold> _folds;
    private readonly ObjectiveSettings _settings;
    private readonly BacktestOptions _trial;

    /// <summary>Creates the objective of <paramref name="descriptor"/> on <paramref name="bars"/> of <paramref name="symbol"/>.</summary>
    public StrategyObjective(StrategyDescriptor descriptor, string symbol, Bar[] bars, IReadOnlyList<Fold> folds, ObjectiveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(settings);
        if (descriptor.SymbolCount != 1)
        {
            throw new StrategyParameterException($"Strategy '{descriptor.Name}' trades {descriptor.SymbolCount} symbols; the optimizer handles single-symbol strategies.");
        }

        if (folds.Count == 0)
        {
            throw new ArgumentException("At least one fold is needed.", nameof(folds));
        }

        _descriptor = descriptor;
        _symbol = symbol;
        _bars = bars;
        _folds = folds;
        _settings = settings;
        _trial = settings.Backtest with
        {
            RecordTrades = false,
            EquityCurvePoints = 0,
            Permutations = 0,
            Observer = null,
            PeriodsPerYear = settings.Backtest.PeriodsPerYear ?? InferPeriodsPerYear(bars),
        };
    }

    /// <summary>The strategy.</summary>
    public StrategyDescriptor Strategy => _descriptor;

    /// <summary>The symbol.</summary>
    public string Symbol => _symbol;

    /// <summary>Bars backtested per trial: each fold's warm-up (training or <see cref="ObjectiveSettings.WarmUpBars"/>) and test segment.</summary>
    public long BarsPerTrial
    {
        get
        {
            long bars = 0;
            foreach (var fold in _folds)
            {
                bars += WarmUp(fold, 0, out _).Length + fold.Test.Length;
            }

            return bars;
        }
    }

    /// <summary>Scores <paramref name="values"/> (in parameter-space order).</summary>
    public TrialEvaluation Evaluate(IReadOnlyList<double> values)
    {
        if (!TryBind(values, out var parameters, out var error))
        {
            return new TrialEvaluation(ObjectiveScore.InvalidScore, false, error);
        }

        var metrics = Measure(parameters, null);
        var (score, failure) = ObjectiveScore.Compute(metrics, _settings.Weights, _settings.Constraints);
        return new TrialEvaluation(score, failure is null, failure, metrics);
    }

    /// <summary>Runs <paramref name="values"/> again keeping every out-of-sample per-bar return (test windows in order).</summary>
    public (OutOfSampleMetrics Metrics, double[] Returns) EvaluateWithReturns(IReadOnlyList<double> values)
    {
        if (!TryBind(values, out var parameters, out var error))
        {
            throw new StrategyParameterException(error!);
        }

        var returns = new List<double>();
        var metrics = Measure(parameters, returns);
        return (metrics, [.. returns]);
    }

    /// <summary>Binds values of the strategy's space to named parameters.</summary>
    public StrategyParameters Bind(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var named = new Dictionary<string, double>(values.Count, StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            named[_descriptor.Parameters[i].Name] = values[i];
        }

        return _descriptor.Parameters.Bind(named);
    }

    private bool TryBind(IReadOnlyList<double> values, out StrategyParameters parameters, out string? error)
    {
        try
        {
            parameters = Bind(values);
            _descriptor.Create(parameters);
            error = null;
            return true;
        }
        catch (StrategyParameterException e)
        {
            parameters = _descriptor.Parameters.Defaults;
            error = $"invalid parameters: {e.Message}";
            return false;
        }
    }

    private OutOfSampleMetrics Measure(StrategyParameters parameters, List<double>? returns)
    {
        var outOfSample = new FoldPool();
        var inSample = new FoldPool();
        foreach (var fold in _folds)
        {
            var strategy = _descriptor.Create(parameters);
            var warm = WarmUp(fold, strategy.WarmUpBars, out var isTraining);
            if (warm.Length > 0)
            {
                var result = Backtester.Run(strategy, _bars.AsSpan(warm.Start, warm.Length), _trial, _symbol);
                if (isTraining)
                {
                    inSample.Add(result.Summary);
                }
            }

            var options = returns is null ? _trial : _trial with { EquityCurvePoints = fold.Test.Length + 8 };
            var test = Backtester.Run(strategy, _bars.AsSpan(fold.Test.Start, fold.Test.Length), options, _symbol);
            outOfSample.Add(test.Summary);
            if (returns is not null)
            {
                for (var i = 1; i < test.EquityCurve.Count; i++)
                {
                    returns.Add((test.EquityCurve[i].Equity / test.EquityCurve[i - 1].Equity) - 1);
                }
            }
        }

        var drawdown = outOfSample.MaxDrawdown;
        return new OutOfSampleMetrics
        {
            Folds = outOfSample.Windows,
            Periods = outOfSample.Periods,
            PeriodsPerYear = outOfSample.PeriodsPerYear,
            TotalReturn = outOfSample.TotalReturn,
            Cagr = outOfSample.Cagr,
            MaxDrawdown = drawdown,
            Mar = drawdown > 0 ? outOfSample.Cagr / drawdown : double.NaN,
            Sharpe = outOfSample.Sharpe,
            ProfitFactor = outOfSample.ProfitFactor,
            Trades = outOfSample.Trades,
            InSampleSharpe = inSample.Windows > 0 ? inSample.Sharpe : double.NaN,
        };
    }

    private Segment WarmUp(Fold fold, int strategyWarmUp, out bool isTraining)
    {
        foreach (var segment in fold.Train)
        {
            if (segment.End == fold.Test.Start)
            {
                isTraining = true;
                return segment;
            }
        }

        isTraining = false;
        var length = Math.Max(strategyWarmUp, _settings.WarmUpBars);
        return new Segment(Math.Max(0, fold.Test.Start - length), fold.Test.Start);
    }

    private static double InferPeriodsPerYear(Bar[] bars)
    {
        var smallest = long.MaxValue;
        for (var i = 1; i < bars.Length; i++)
        {
            var step = bars[i].OpenTimeUs - bars[i - 1].OpenTimeUs;
            if (step > 0 && step < smallest)
            {
                smallest = step;
            }
        }

        return smallest == long.MaxValue ? PeriodsPerYear.CryptoMinutes : 365d * 24 * 3600 * 1_000_000 / smallest;
    }
}
