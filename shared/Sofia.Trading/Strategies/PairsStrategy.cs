using Sofia.Trading.Indicators;

namespace Sofia.Trading.Strategies;

/// <summary>
/// Pairs trading (<c>pairs</c>) on two aligned symbols A (index 0) and B (index 1). Every <c>refit</c> bars, once
/// <c>lookback</c> bars are held, the Engle–Granger test runs on log prices (ln A = α + β ln B, ADF on the residuals,
/// MacKinnon critical value at <c>significance</c>). Each bar the spread s = ln A − α − β ln B of the last fit gives
/// z = s / σ (σ of the fit's residuals). Flat and cointegrated: z &gt; entry_z shorts the spread (short A, long B),
/// z &lt; −entry_z buys it. A long spread exits when z ≥ −exit_z, a short one when z ≤ exit_z. Legs split the capital
/// by the hedge ratio fixed at entry: A gets 1 / (1 + |β|), B gets |β| / (1 + |β|), with B's side opposite to A's
/// when β &gt; 0. Needs long-short mode to be hedged; in long-only mode the short leg is dropped by the runner.
/// </summary>
public sealed class PairsStrategy : IStrategy
{
    private readonly RingBuffer<double> _logA;
    private readonly RingBuffer<double> _logB;
    private readonly double[] _fitA;
    private readonly double[] _fitB;
    private readonly int _refit;
    private readonly double _entryZ;
    private readonly double _exitZ;
    private readonly int _lags;
    private readonly double _significance;
    private EngleGrangerResult _fit;
    private bool _hasFit;
    private int _sinceFit;
    private int _state;
    private double _weightA;
    private double _weightB;

    /// <summary>Creates the strategy.</summary>
    public PairsStrategy(int lookback = 1440, int refit = 60, double entryZ = 2, double exitZ = 0.5, double significance = 0.05, int adfLags = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 30);
        ArgumentOutOfRangeException.ThrowIfLessThan(refit, 1);
        if (exitZ >= entryZ)
        {
            throw new StrategyParameterException($"Parameter 'exit_z' ({exitZ}) must be smaller than 'entry_z' ({entryZ}).");
        }

        _ = MacKinnonCriticalValues.EngleGrangerTwoVariables(significance, lookback);
        _logA = new RingBuffer<double>(lookback);
        _logB = new RingBuffer<double>(lookback);
        _fitA = new double[lookback];
        _fitB = new double[lookback];
        _refit = refit;
        _entryZ = entryZ;
        _exitZ = exitZ;
        _significance = significance;
        _lags = adfLags;
    }

    /// <summary>The registry entry.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        "pairs",
        "pairs",
        "Engle–Granger cointegration of two symbols (OLS hedge ratio, ADF with MacKinnon critical values), z-score entry and exit.",
        2,
        ExecutionStyle.TargetPosition,
        new ParameterSpace(
            ParameterDefinition.Whole("lookback", 30, 20_000, 1440, "bars in each cointegration fit"),
            ParameterDefinition.Whole("refit", 1, 10_000, 60, "bars between fits"),
            ParameterDefinition.Real("entry_z", 0.5, 5, 2, "enter when |z| exceeds it", 0.1),
            ParameterDefinition.Real("exit_z", 0, 3, 0.5, "exit when z is back within it", 0.1),
            ParameterDefinition.Categorical("significance", ["0.01", "0.05", "0.10"], "0.05", "ADF significance level"),
            ParameterDefinition.Whole("adf_lags", 0, 20, 1, "lagged differences in the ADF regression")),
        p => new PairsStrategy(
            p.GetInt("lookback"),
            p.GetInt("refit"),
            p.GetDouble("entry_z"),
            p.GetDouble("exit_z"),
            p.GetInt("significance") switch { 0 => 0.01, 1 => 0.05, _ => 0.10 },
            p.GetInt("adf_lags")));

    /// <inheritdoc/>
    public string Name => "pairs";

    /// <inheritdoc/>
    public int SymbolCount => 2;

    /// <inheritdoc/>
    public ExecutionStyle Style => ExecutionStyle.TargetPosition;

    /// <inheritdoc/>
    public int WarmUpBars => _logA.Capacity;

    /// <summary>The latest fit; default until the first.</summary>
    public EngleGrangerResult LastFit => _fit;

    /// <inheritdoc/>
    public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
    {
        var a = Math.Log(bars[0].Close);
        var b = Math.Log(bars[1].Close);
        _logA.Add(a);
        _logB.Add(b);
        if (_logA.IsFull && (!_hasFit || ++_sinceFit >= _refit))
        {
            Fit();
        }

        if (!_hasFit)
        {
            Emit(context, SignalReasons.WarmUp);
            return;
        }

        var deviation = _fit.ResidualStdDev;
        var z = deviation > 0 ? (a - _fit.Intercept - (_fit.HedgeRatio * b)) / deviation : 0;
        var reason = SignalReasons.Hold;
        if (_state == 0)
        {
            if (!_fit.IsCointegrated)
            {
                reason = SignalReasons.NotCointegrated;
            }
            else if (z > _entryZ || z < -_entryZ)
            {
                _state = z > 0 ? -1 : 1;
                var beta = _fit.HedgeRatio;
                _weightA = 1 / (1 + Math.Abs(beta));
                _weightB = -beta / (1 + Math.Abs(beta));
                reason = z > 0 ? SignalReasons.SpreadHigh : SignalReasons.SpreadLow;
            }
        }
        else if ((_state > 0 && z >= -_exitZ) || (_state < 0 && z <= _exitZ))
        {
            _state = 0;
            reason = SignalReasons.SpreadExit;
        }

        Emit(context, reason);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _logA.Clear();
        _logB.Clear();
        _fit = default;
        _hasFit = false;
        _sinceFit = 0;
        _state = 0;
        _weightA = _weightB = 0;
    }

    private void Emit(StrategyContext context, string reason)
    {
        context.Emit(0, Signal.FromExposure(_state * _weightA, reason));
        context.Emit(1, Signal.FromExposure(_state * _weightB, reason));
    }

    private void Fit()
    {
        // Oldest first, so the ADF regression runs forward in time.
        var n = _logA.Count;
        for (var i = 0; i < n; i++)
        {
            _fitA[i] = _logA[n - 1 - i];
            _fitB[i] = _logB[n - 1 - i];
        }

        _fit = EngleGranger.Test(_fitA, _fitB, _lags, _significance);
        _hasFit = true;
        _sinceFit = 0;
    }
}
