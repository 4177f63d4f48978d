using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Metrics;

/// <summary>Golden values are empyrical's published expectations (tests/test_stats.py), asserted to its 8 decimals.</summary>
public sealed class ReturnStatisticsTests
{
    private const double Empyrical = 1.5e-8;

    [TestCase("mixed", 0.0, 1.7238613961706866)]
    [TestCase("positive", 0.0, 52.915026221291804)]
    [TestCase("negative", 0.0, -24.406808633910085)]
    public void Sharpe_matches_empyrical_published_values(string series, double riskFree, double expected) =>
        Assert.That(ReturnStatistics.Sharpe(EmpyricalSeries.Get(series), PeriodsPerYear.TradingDays, riskFree), Is.EqualTo(expected).Within(Empyrical));

    [Test]
    public void Sharpe_of_returns_in_excess_of_a_benchmark_matches_empyrical()
    {
        // empyrical: sharpe_ratio(mixed_returns, risk_free=simple_benchmark) = 0.34111411441060574; the NaN day drops out.
        var mixed = EmpyricalSeries.MixedWithoutNaN;
        var excess = new double[mixed.Length];
        for (var i = 0; i < mixed.Length; i++)
        {
            excess[i] = mixed[i] - EmpyricalSeries.SimpleBenchmark[i + 1];
        }

        Assert.That(ReturnStatistics.Sharpe(excess, PeriodsPerYear.TradingDays), Is.EqualTo(0.34111411441060574).Within(Empyrical));
    }

    [TestCase("mixed", 0.0, 252, 2.605531251673693)]
    [TestCase("mixed", 0.01, 252, -1.3934779588919977)]
    [TestCase("negative", 0.0, 252, -13.532743075043401)]
    [TestCase("weekly", 0.0, 52, 1.1158901056866439)]
    [TestCase("monthly", 0.0, 12, 0.53605626741889756)]
    [TestCase("one", 0.0, 252, 3.0639640966566306)]
    [TestCase("two", 0.0, 252, 38.090963117002495)]
    public void Sortino_matches_empyrical_published_values(string series, double target, double periods, double expected) =>
        Assert.That(ReturnStatistics.Sortino(EmpyricalSeries.Get(series), periods, target), Is.EqualTo(expected).Within(Empyrical));

    [TestCase("positive")]
    [TestCase("simple_benchmark")]
    public void Sortino_is_infinite_when_no_return_falls_below_the_target(string series) =>
        Assert.That(ReturnStatistics.Sortino(EmpyricalSeries.Get(series), PeriodsPerYear.TradingDays), Is.EqualTo(double.PositiveInfinity));

    [TestCase("mixed", 0.0, 252, 0.60448325038829653)]
    [TestCase("mixed", 0.1, 252, 1.7161730681956295)]
    [TestCase("weekly", 0.0, 52, 0.25888650451930134)]
    [TestCase("weekly", 0.1, 52, 0.7733045971672482)]
    [TestCase("monthly", 0.0, 12, 0.1243650540411842)]
    [TestCase("monthly", 0.1, 12, 0.37148351242013422)]
    [TestCase("one", 0.0, 252, 0.20671788246185202)]
    [TestCase("two", 0.0, 252, 0.083495680595704475)]
    [TestCase("one_return", 0.0, 252, 0.0)]
    public void Downside_deviation_matches_empyrical_downside_risk(string series, double target, double periods, double expected) =>
        Assert.That(ReturnStatistics.DownsideDeviation(EmpyricalSeries.Get(series), periods, target), Is.EqualTo(expected).Within(Empyrical));

    [TestCase("mixed", 252, 0.9136465399704637)]
    [TestCase("weekly", 52, 0.38851569394870583)]
    [TestCase("monthly", 12, 0.18663690238892558)]
    public void Annual_volatility_matches_empyrical(string series, double periods, double expected) =>
        Assert.That(ReturnStatistics.AnnualVolatility(EmpyricalSeries.Get(series), periods), Is.EqualTo(expected).Within(Empyrical));

    [TestCase("mixed_nan_as_zero", 252, 1.9135925373194231)]
    [TestCase("weekly", 52, 0.24690830513998208)]
    [TestCase("monthly", 12, 0.052242061386048144)]
    public void Cagr_matches_empyrical_annual_return(string series, double periods, double expected) =>
        Assert.That(ReturnStatistics.Cagr(EmpyricalSeries.Get(series), periods), Is.EqualTo(expected).Within(Empyrical));

    [TestCase("mixed_nan_as_zero", 252, 19.135925373194233)]
    [TestCase("weekly", 52, 2.4690830513998208)]
    [TestCase("monthly", 12, 0.52242061386048144)]
    public void Calmar_matches_empyrical(string series, double periods, double expected) =>
        Assert.That(ReturnStatistics.Calmar(EmpyricalSeries.Get(series), periods), Is.EqualTo(expected).Within(Empyrical));

    // empyrical reports drawdowns as negative numbers; Sofia reports their magnitude.
    [TestCase("mixed_nan_as_zero", 0.1)]
    [TestCase("positive", 0.0)]
    [TestCase("simple_benchmark", 0.0)]
    [TestCase("one_return", 0.0)]
    [TestCase("negative", 0.36590730349873601)]
    [TestCase("ten_minus_ten_ten", 0.10)]
    public void Max_drawdown_matches_empyrical(string series, double expected) =>
        Assert.That(ReturnStatistics.MaxDrawdown(EmpyricalSeries.Get(series)), Is.EqualTo(expected).Within(Empyrical));

    [TestCase("mixed_nan_as_zero", 0.03893)]
    [TestCase("negative", -0.36590)]
    public void Total_return_matches_empyrical_cum_returns_final(string series, double expected) =>
        Assert.That(ReturnStatistics.TotalReturn(EmpyricalSeries.Get(series)), Is.EqualTo(expected).Within(1.5e-4));

    [Test]
    public void Calmar_is_nan_without_a_drawdown() =>
        Assert.That(ReturnStatistics.Calmar(EmpyricalSeries.Positive, 252), Is.NaN);

    [TestCase(new double[0])]
    [TestCase(new[] { 0.01 })]
    public void Sharpe_sortino_and_volatility_are_nan_below_two_returns(double[] returns)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReturnStatistics.Sharpe(returns, 252), Is.NaN);
            Assert.That(ReturnStatistics.Sortino(returns, 252), Is.NaN);
            Assert.That(ReturnStatistics.AnnualVolatility(returns, 252), Is.NaN);
        });
    }

    // Hand-worked: returns +1 % and +3 %: mean 0.02, sample std √((0.01² + 0.01²)/1) = 0.01·√2, Sharpe = √2 per period.
    [TestCase(1.0, 1.4142135623730951)]
    [TestCase(4.0, 2.8284271247461903)]
    public void Sharpe_of_two_returns_is_worked_by_hand(double periods, double expected) =>
        Assert.That(ReturnStatistics.Sharpe([0.01, 0.03], periods), Is.EqualTo(expected).Within(1e-12));

    // Hand-worked: returns 2 %, −1 %, 3 %, −2 %: mean 0.005; downside √((0.01² + 0.02²)/4) = √0.000125; Sortino = 1/√5.
    [Test]
    public void Sortino_of_four_returns_is_worked_by_hand() =>
        Assert.That(ReturnStatistics.Sortino([0.02, -0.01, 0.03, -0.02], 1), Is.EqualTo(0.4472135954999579).Within(1e-12));

    // Hand-worked: +10 % then −10 % compounds to 0.99: total −1 %; over half a year (4 periods per year) CAGR = 0.99² − 1.
    [TestCase(2.0, -0.01)]
    [TestCase(4.0, -0.0199)]
    public void Total_return_and_cagr_of_two_returns_are_worked_by_hand(double periods, double expectedCagr)
    {
        double[] returns = [0.1, -0.1];
        Assert.Multiple(() =>
        {
            Assert.That(ReturnStatistics.TotalReturn(returns), Is.EqualTo(-0.01).Within(1e-12));
            Assert.That(ReturnStatistics.Cagr(returns, periods), Is.EqualTo(expectedCagr).Within(1e-12));
        });
    }

    [Test]
    public void Simple_returns_of_an_equity_curve_are_ratios_minus_one() =>
        Assert.That(ReturnStatistics.SimpleReturns([100.0, 110.0, 99.0]), Is.EqualTo(new[] { 0.1, -0.1 }).Within(1e-12));
}
