using Sofia.Testing;
namespace Sofia.ExchangeSimulator.Tests;

public sealed class MarketSimulatorTests
{
    private static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT"];

    [Test]
    public void Same_seed_and_clock_give_the_same_trades_and_another_seed_does_not()
    {
        var first = Run(MarketSimulatorOptions.For(7, 500, Symbols), TimeSpan.FromSeconds(10));
        var second = Run(MarketSimulatorOptions.For(7, 500, Symbols), TimeSpan.FromSeconds(10));
        var other = Run(MarketSimulatorOptions.For(8, 500, Symbols), TimeSpan.FromSeconds(10));

        Assert.That(first, Has.Count.GreaterThan(4000));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(other.Take(100), Is.Not.EqualTo(first.Take(100)));
    }

    [Test]
    public void Ids_count_up_by_one_per_symbol_and_times_follow_the_clock()
    {
        var clock = new ManualClock();
        var start = MarketSimulator.NowUs(clock);
        var trades = Run(MarketSimulatorOptions.For(1, 1000, Symbols), TimeSpan.FromSeconds(5), clock);

        foreach (var symbol in Symbols)
        {
            var ids = trades.Where(t => t.Symbol == symbol).Select(t => t.TradeId).ToList();
            Assert.That(ids, Is.EqualTo(Enumerable.Range(1, ids.Count).Select(i => (long)i)), symbol);
        }

        Assert.That(trades.Select(t => t.TimeUs), Is.Ordered);
        Assert.That(trades[0].TimeUs, Is.GreaterThanOrEqualTo(start));
        Assert.That(trades[^1].TimeUs, Is.LessThanOrEqualTo(MarketSimulator.NowUs(clock)));
    }

    [Test]
    public void Rate_and_weights_set_how_many_trades_each_symbol_gets()
    {
        var trades = Run(MarketSimulatorOptions.For(3, 2000, Symbols), TimeSpan.FromSeconds(10));
        var btcShare = trades.Count(t => t.Symbol == "BTC-USDT") / (double)trades.Count;

        // Poisson: 20,000 expected, σ ≈ 141. BTC weighs 1.0 against ETH's 0.6.
        Assert.That(trades, Has.Count.InRange(19_300, 20_700));
        Assert.That(btcShare, Is.EqualTo(1 / 1.6).Within(0.02));
    }

    [Test]
    public void Prices_and_sizes_use_the_symbols_tick_and_lot_sizes()
    {
        var trades = Run(MarketSimulatorOptions.For(5, 500, Symbols), TimeSpan.FromSeconds(4));
        var btc = trades.Where(t => t.Symbol == "BTC-USDT").ToList();

        Assert.That(btc.Select(t => (t.PriceScale, t.QuantityScale)).Distinct(), Is.EqualTo(new[] { (2, 5) }));
        Assert.That(trades.Where(t => t.Symbol == "ETH-USDT").Select(t => (t.PriceScale, t.QuantityScale)).Distinct(), Is.EqualTo(new[] { (2, 4) }));
        Assert.That(btc.All(t => t.QuantityMantissa >= 1 && t.PriceMantissa > 0), Is.True);
        Assert.That(btc.Select(t => t.Price).Average(), Is.EqualTo(60_000m).Within(600m));
        Assert.That(btc[0].Price, Is.EqualTo(btc[0].PriceMantissa / 100m));
        Assert.That(trades.Count(t => t.TakerIsBuyer) / (double)trades.Count, Is.InRange(0.4, 0.6));
    }

    [Test]
    public void Trade_sizes_are_heavy_tailed()
    {
        var sizes = Run(MarketSimulatorOptions.For(11, 2000, "BTC-USDT"), TimeSpan.FromSeconds(20)).Select(t => (double)t.Quantity).ToList();
        var mean = sizes.Average();
        var variance = sizes.Average(s => (s - mean) * (s - mean));
        var kurtosis = sizes.Average(s => Math.Pow(s - mean, 4)) / (variance * variance);

        Assert.That(kurtosis, Is.GreaterThan(3), "a normal distribution has kurtosis 3");
        Assert.That(sizes.Max(), Is.GreaterThan(50 * Median(sizes)), "whales exist");
    }

    [Test]
    public void Regime_switches_change_realized_volatility()
    {
        var regimes = new MarketSimulatorOptions
        {
            Seed = 21,
            TradesPerSecond = 200,
            Symbols = [SymbolSpec.Default("BTC-USDT")],
            Regimes = [new(0.3, TimeSpan.FromSeconds(30)), new(3.0, TimeSpan.FromSeconds(30))],
            JumpsPerHour = 0,
        };
        var calm = new List<double>();
        var stressed = new List<double>();
        foreach (var (volatility, regime) in WindowVolatilities(regimes, windows: 200))
        {
            (regime == 0 ? calm : stressed).Add(volatility);
        }

        var single = WindowVolatilities(regimes with { Regimes = [new(1.0, TimeSpan.FromHours(1))] }, windows: 60).Select(w => w.Volatility).ToList();

        Assert.That(calm, Has.Count.GreaterThan(20));
        Assert.That(stressed, Has.Count.GreaterThan(20));
        Assert.That(Median(stressed) / Median(calm), Is.GreaterThan(5), "3.0 against 0.3 annualized");
        Assert.That(Percentile(single, 0.9) / Percentile(single, 0.1), Is.LessThan(1.6), "one regime: windows look alike");
    }

    [Test]
    public void A_rate_change_applies_from_the_time_it_is_made()
    {
        var clock = new ManualClock();
        var market = new MarketSimulator(MarketSimulatorOptions.For(2, 1000, Symbols), clock);
        var buffer = new SimulatedTrade[100_000];
        clock.Advance(TimeSpan.FromSeconds(1));
        var before = market.Generate(buffer);

        market.TradesPerSecond = 0;
        clock.Advance(TimeSpan.FromSeconds(5));
        var paused = market.Generate(buffer);
        market.TradesPerSecond = 10_000;
        clock.Advance(TimeSpan.FromSeconds(1));
        var fast = market.Generate(buffer);

        Assert.That(before, Is.InRange(850, 1150));
        Assert.That(paused, Is.Zero);
        Assert.That(fast, Is.InRange(9_500, 10_500));
        Assert.That(buffer[0].TimeUs, Is.GreaterThan(market.StartTimeUs + 6_000_000));
    }

    private static List<SimulatedTrade> Run(MarketSimulatorOptions options, TimeSpan duration, ManualClock? clock = null)
    {
        clock ??= new ManualClock();
        var market = new MarketSimulator(options, clock);
        var buffer = new SimulatedTrade[4096];
        var trades = new List<SimulatedTrade>();
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TimeSpan.FromMilliseconds(100))
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            int count;
            do
            {
                count = market.Generate(buffer);
                trades.AddRange(buffer.AsSpan(0, count));
            }
            while (count == buffer.Length);
        }

        return trades;
    }

    /// <summary>Realized volatility of log returns per 2 s window, with the regime at the window's start when it is the same at its end.</summary>
    private static IEnumerable<(double Volatility, int Regime)> WindowVolatilities(MarketSimulatorOptions options, int windows)
    {
        var clock = new ManualClock();
        var market = new MarketSimulator(options, clock);
        var buffer = new SimulatedTrade[10_000];
        var last = (double)options.Symbols[0].InitialPrice;
        for (var w = 0; w < windows; w++)
        {
            var regime = market.RegimeOf("BTC-USDT");
            clock.Advance(TimeSpan.FromSeconds(2));
            var count = market.Generate(buffer);
            var sum = 0.0;
            foreach (var trade in buffer.AsSpan(0, count))
            {
                var price = (double)trade.Price;
                sum += Math.Pow(Math.Log(price / last), 2);
                last = price;
            }

            if (market.RegimeOf("BTC-USDT") == regime)
            {
                yield return (Math.Sqrt(sum), regime);
            }
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];
    }
}
