using Sofia.Trading;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Signals.Tests;

[TestFixture]
public sealed class SignalEngineTests
{
    private const string Exchange = "binance";
    private const string Symbol = "BTC-USDT";
    private const long Minute = 60_000_000;

    private const string Zoo = """
        bar_interval: 1m
        fusion: { threshold: 0.25 }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, weight: 1, params: { fast: 10, slow: 30 } }
              - { name: rsi_revert, weight: 0.5 }
              - { name: donchian, weight: 1 }
              - { name: supertrend, weight: 1 }
              - { name: bollinger_revert, weight: 0.5, params: { period: 40, k: 2.5 } }
              - { name: grid, weight: 0.5 }
        """;

    private static Bar[] Bars(int count) => RealBars.Btc.AsSpan(0, count).ToArray();

    [Test]
    public void Engine_builds_each_bar_from_its_ticks_as_a_hand_calculation_does()
    {
        var engine = new SignalEngine(StrategyPlan.Parse("symbols: { BTC-USDT: { exchange: binance, fusion: { enabled: false }, strategies: [ { name: grid } ] } }"), new SignalEngineOptions { IncludeOrderStrategies = true });
        var t0 = 1_700_000_040_000_000L; // a whole minute
        var ticks = new (long At, double Price, double Qty, bool Buy)[]
        {
            (t0 + 1_000_000, 100.5, 2, true),
            (t0 + 9_000_000, 102.25, 1, false),
            (t0 + 20_000_000, 99.75, 0.5, true),
            (t0 + 59_999_999, 101, 3, false),
            (t0 + Minute, 103, 1, true), // opens the next minute: closes the first
        };

        var signals = new List<StrategySignal>();
        for (var i = 0; i < ticks.Length; i++)
        {
            signals.AddRange(engine.OnTick(Exchange, Symbol, new TradeTick(ticks[i].At, ticks[i].Price, ticks[i].Qty, ticks[i].Buy), $"t{i}"));
        }

        Assert.That(signals, Has.Count.EqualTo(1));
        var built = signals[0].Bar;
        Assert.That(built.Bar, Is.EqualTo(new Bar(t0, 100.5, 102.25, 99.75, 101, 6.5)));
        Assert.That(built.BuyVolume, Is.EqualTo(2.5));
        Assert.That(built.TradeCount, Is.EqualTo(4));
        Assert.That(engine.BarsBuilt, Is.EqualTo(1));
    }

    [Test]
    public void Engine_signals_over_real_bars_equal_each_strategy_and_the_fusion_run_on_their_own()
    {
        var bars = Bars(3_000);
        var plan = StrategyPlan.Parse(Zoo);
        var engine = new SignalEngine(plan);

        var signals = Feed(engine, bars);

        // The last bar is never closed: no later trade arrives.
        var closed = bars.Take(bars.Length - 1).Select(RealBars.AsBuilt).ToArray();
        foreach (var name in new[] { "trend", "rsi_revert", "donchian", "supertrend", "bollinger_revert" })
        {
            var entry = plan.Markets[0].Find(name)!;
            var expected = ReferenceRunner.Run(StrategyRegistry.Create(name, entry.Parameters), closed);
            Assert.That(Decisions(signals, name), Is.EqualTo(expected), name);
            Assert.That(expected, Is.Not.Empty, name);
        }

        Assert.That(signals.Where(s => s.Strategy == "grid"), Is.Empty, "order-style strategies run only in the OMS");
        var fusedExpected = ReferenceRunner.Run(ReferenceFusion(plan.Markets[0].Strategies, 0.25), closed);
        Assert.That(Decisions(signals, "fused"), Is.EqualTo(fusedExpected));
        Assert.That(fusedExpected.Select(d => d.Direction).Distinct().Count(), Is.GreaterThan(1), "the vote changes side on real data");
    }

    [Test]
    public void Engine_gives_deterministic_ids_and_the_bar_and_interval_of_each_signal()
    {
        var bars = Bars(200);
        var signals = Feed(new SignalEngine(StrategyPlan.Parse(Zoo)), bars);

        var first = signals.First(s => s.Strategy == "trend");
        Assert.That(first.Id, Is.EqualTo($"trend:binance:BTC-USDT:{first.BarOpenTimeUs}"));
        Assert.That(first.BarIntervalSeconds, Is.EqualTo(60));
        var index = Array.FindIndex(bars, b => b.OpenTimeUs == first.BarOpenTimeUs);
        Assert.That(first.BarClose, Is.EqualTo(bars[index].Close));
        Assert.That(signals.Select(s => s.Id), Is.Unique);
        var again = Feed(new SignalEngine(StrategyPlan.Parse(Zoo)), bars);
        Assert.That(again, Is.EqualTo(signals).Using<StrategySignal>((a, b) => a.Id == b.Id && a.Direction == b.Direction && a.Strength == b.Strength && a.Reason == b.Reason));
    }

    [Test]
    public void Engine_never_signals_from_a_strategy_before_its_warm_up_bars()
    {
        var engine = new SignalEngine(StrategyPlan.Parse("symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, params: { fast: 5, slow: 50 } } ] } }"));
        var bars = Bars(120);

        var signals = Feed(engine, bars);

        // trend needs slow + 1 = 51 bars: the first signal belongs to the 51st bar (index 50), and so does the fusion's.
        Assert.That(signals.Where(s => s.Strategy == "trend").Min(s => s.BarOpenTimeUs), Is.EqualTo(bars[50].OpenTimeUs));
        Assert.That(signals.Where(s => s.Strategy == "fused").Min(s => s.BarOpenTimeUs), Is.EqualTo(bars[50].OpenTimeUs));
        Assert.That(signals.Any(s => s.Reason == SignalReasons.WarmUp), Is.False);
    }

    [Test]
    public void Engine_warmed_up_from_history_signals_from_its_first_live_bar_as_an_uninterrupted_run()
    {
        var bars = Bars(1_500);
        var plan = StrategyPlan.Parse(Zoo);
        var engine = new SignalEngine(plan);
        Assert.That(engine.RequiredHistoryBars(Symbol), Is.EqualTo(40), "bollinger_revert(40) is the slowest: 40 bars");
        Assert.That(engine.IsWarm, Is.False);

        engine.WarmUp(Exchange, Symbol, bars.Take(1_000).Select(RealBars.AsBuilt));
        Assert.That(engine.IsWarm, Is.True);
        var signals = Feed(engine, bars.Skip(999)); // one overlapping bar: its trades are dropped

        var closed = bars.Take(bars.Length - 1).Select(RealBars.AsBuilt).ToArray();
        var expected = ReferenceRunner.Run(StrategyRegistry.Create("trend", plan.Markets[0].Find("trend")!.Parameters), closed, firstReported: 1_000);
        Assert.That(Decisions(signals, "trend"), Is.EqualTo(expected));
        Assert.That(signals.Min(s => s.BarOpenTimeUs), Is.EqualTo(bars[1_000].OpenTimeUs));
        Assert.That(engine.DroppedTicks, Is.EqualTo(4));
    }

    [Test]
    public void Engine_applies_promoted_parameters_from_the_next_bar_rewarmed_on_the_kept_bars()
    {
        var bars = Bars(1_200);
        var plan = StrategyPlan.Parse(Zoo);
        var engine = new SignalEngine(plan);
        var ticks = RealBars.AsTicks(bars).ToArray();
        var signals = new List<StrategySignal>();
        const int SwapAfterBar = 600;
        var swapped = false;
        foreach (var (tick, id) in ticks)
        {
            var closedNow = engine.OnTick(Exchange, Symbol, tick, id);
            signals.AddRange(closedNow);
            if (!swapped && closedNow.Count > 0 && closedNow[0].BarOpenTimeUs == bars[SwapAfterBar].OpenTimeUs)
            {
                Assert.That(engine.TryPromote("trend", Symbol, new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "15" }, out var error), Is.Not.Null, error);
                swapped = true;
            }
        }

        var closed = bars.Take(bars.Length - 1).Select(RealBars.AsBuilt).ToArray();
        var before = ReferenceRunner.Run(new TrendStrategy(10, 30), closed).Where(d => d.OpenTimeUs <= bars[SwapAfterBar].OpenTimeUs);
        // Every earlier bar is kept, so the re-warmed strategy decides as one that ran with the new values from the start.
        var after = ReferenceRunner.Run(new TrendStrategy(5, 15), closed).Where(d => d.OpenTimeUs > bars[SwapAfterBar].OpenTimeUs);
        Assert.That(Decisions(signals, "trend"), Is.EqualTo(before.Concat(after)));
        Assert.That(engine.CurrentEntries(Symbol)[0].Bound.GetInt("fast"), Is.EqualTo(5));

        var members = plan.Markets[0].Strategies.Select(e => e.Name == "trend" ? e.WithParameters(new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "15" }) : e).ToArray();
        var fusedAfter = ReferenceRunner.Run(ReferenceFusion(members, 0.25), closed).Where(d => d.OpenTimeUs > bars[SwapAfterBar].OpenTimeUs);
        Assert.That(Decisions(signals, "fused").Where(d => d.OpenTimeUs > bars[SwapAfterBar].OpenTimeUs), Is.EqualTo(fusedAfter));
    }

    [Test]
    public void Engine_keeps_the_old_parameters_when_promoted_values_are_invalid()
    {
        var engine = new SignalEngine(StrategyPlan.Parse(Zoo));

        Assert.That(engine.TryPromote("trend", Symbol, new Dictionary<string, string> { ["fast"] = "abc" }, out var error), Is.Null);
        Assert.That(error, Does.StartWith("fast:"));
        Assert.That(engine.TryPromote("trend", Symbol, new Dictionary<string, string> { ["fast"] = "40" }, out error), Is.Null, "fast 40 ≥ slow 30");
        Assert.That(error, Does.Contain("slow"));
        Assert.That(engine.TryPromote("moon", Symbol, new Dictionary<string, string>(), out error), Is.Null);
        Assert.That(engine.TryPromote("trend", "DOGE-USDT", new Dictionary<string, string>(), out error), Is.Null);

        var signals = Feed(engine, Bars(300));
        var closed = Bars(299).Select(RealBars.AsBuilt).ToArray();
        Assert.That(Decisions(signals, "trend"), Is.EqualTo(ReferenceRunner.Run(new TrendStrategy(10, 30), closed)));
    }

    [Test]
    public void Engine_applies_the_last_of_several_promotions_made_before_a_bar_closes()
    {
        var bars = Bars(400);
        var engine = new SignalEngine(StrategyPlan.Parse(Zoo));

        Assert.That(engine.TryPromote("trend", Symbol, new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "15" }, out _), Is.Not.Null);
        Assert.That(engine.TryPromote("trend", Symbol, new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" }, out _), Is.Not.Null, "back to the plan's values");
        var signals = Feed(engine, bars);

        var closed = bars.Take(bars.Length - 1).Select(RealBars.AsBuilt).ToArray();
        Assert.That(Decisions(signals, "trend"), Is.EqualTo(ReferenceRunner.Run(new TrendStrategy(10, 30), closed)));
    }

    [Test]
    public void Engine_gives_the_same_signals_when_every_trade_is_delivered_twice()
    {
        var bars = Bars(400);
        var once = Feed(new SignalEngine(StrategyPlan.Parse(Zoo)), bars);
        var twiceEngine = new SignalEngine(StrategyPlan.Parse(Zoo));
        var twice = new List<StrategySignal>();
        var previous = default((TradeTick, string)?);
        foreach (var (tick, id) in RealBars.AsTicks(bars))
        {
            twice.AddRange(twiceEngine.OnTick(Exchange, Symbol, tick, id));
            twice.AddRange(twiceEngine.OnTick(Exchange, Symbol, tick, id));
            if (previous is { } p)
            {
                twice.AddRange(twiceEngine.OnTick(Exchange, Symbol, p.Item1, p.Item2)); // an older one, late
            }

            previous = (tick, id);
        }

        Assert.That(twice.Select(s => (s.Id, s.Direction, s.Strength, s.Reason, s.Bar)), Is.EqualTo(once.Select(s => (s.Id, s.Direction, s.Strength, s.Reason, s.Bar))));
    }

    [Test]
    public void Fused_confidence_is_scaled_by_fresh_sentiment_and_not_by_expired_sentiment()
    {
        var bars = Bars(600);
        var plain = Feed(new SignalEngine(StrategyPlan.Parse(Zoo)), bars).Where(s => s.Strategy == "fused" && s.Direction != SignalDirection.Flat).ToList();
        Assert.That(plain, Is.Not.Empty);
        var overlay = new SentimentOverlay(sensitivity: 0.5, expiry: TimeSpan.FromMinutes(100));
        var newsAt = bars[0].OpenTimeUs;
        overlay.Update(Symbol, score: 0.8, confidence: 0.5, newsAt);
        var scaled = Feed(new SignalEngine(StrategyPlan.Parse(Zoo), sentiment: overlay), bars).Where(s => s.Strategy == "fused" && s.Direction != SignalDirection.Flat).ToList();

        Assert.That(scaled.Select(s => (s.Id, s.Direction, s.Strength)), Is.EqualTo(plain.Select(s => (s.Id, s.Direction, s.Strength))), "sentiment never changes direction or strength");
        for (var i = 0; i < plain.Count; i++)
        {
            var closeUs = plain[i].BarOpenTimeUs + Minute;
            // m = 1 + 0.5 · 0.8 · 0.5 · sign(vote) = 1.2 for a long vote, 0.8 for a short one, within 100 minutes of the news.
            var m = closeUs - newsAt < 100 * Minute ? (plain[i].Direction == SignalDirection.Long ? 1.2 : 0.8) : 1.0;
            Assert.That(scaled[i].Confidence, Is.EqualTo(Math.Min(1, plain[i].Confidence * m)).Within(1e-12), plain[i].Id);
        }
    }

    [Test]
    public void Sentiment_overlay_keeps_the_latest_score_and_ignores_older_ones()
    {
        var overlay = new SentimentOverlay(0.5, TimeSpan.FromHours(1));

        Assert.That(overlay.Update(Symbol, -1, 1, 2_000), Is.True);
        Assert.That(overlay.Update(Symbol, 1, 1, 1_000), Is.False);
        Assert.That(overlay.Multiplier(Symbol, 0.4, 3_000), Is.EqualTo(0.5));
        Assert.That(overlay.Multiplier(Symbol, -0.4, 3_000), Is.EqualTo(1.5));
        Assert.That(overlay.Multiplier(Symbol, 0.4, 2_000 + 3_600_000_000L), Is.EqualTo(1), "expired");
        Assert.That(overlay.Multiplier("ETH-USDT", 0.4, 3_000), Is.EqualTo(1), "no news");
    }

    [Test]
    public void Engine_with_an_account_runs_order_strategies_on_their_ledger_and_returns_their_orders()
    {
        var plan = StrategyPlan.Parse("symbols: { BTC-USDT: { exchange: binance, fusion: { enabled: false }, strategies: [ { name: grid, params: { levels: 2, spacing_bps: 100, order_fraction: 0.25 } } ] } }");
        var account = new FixedAccount(new StrategyAccountState(10_000, 0, 0));
        var engine = new SignalEngine(plan, new SignalEngineOptions { IncludeOrderStrategies = true, Account = account });
        var bars = Bars(3);

        var signals = Feed(engine, bars);

        var first = signals[0];
        Assert.That(first.Style, Is.EqualTo(ExecutionStyle.Orders));
        Assert.That(first.CancelRequested, Is.True);
        // Flat with shorts allowed: two buys below the close (and two sells above), each a quarter of the equity.
        var close = bars[0].Close;
        var quantity = Math.Round((decimal)(0.25 * 10_000 / close), 8, MidpointRounding.ToZero);
        Assert.That(first.Orders.Where(o => o.Side == Sofia.Trading.Execution.OrderSide.Buy).Select(o => (o.Quantity, o.Price)), Is.EqualTo(new[]
        {
            (quantity, (decimal)(close * (1 - 0.01))),
            (quantity, (decimal)(close * (1 - 0.02))),
        }));
        Assert.That(account.Reads, Is.EqualTo(new[] { ("grid", "binance", "BTC-USDT", bars[0].OpenTimeUs), ("grid", "binance", "BTC-USDT", bars[1].OpenTimeUs) }));
    }

    private static List<StrategySignal> Feed(SignalEngine engine, IEnumerable<Bar> bars)
    {
        var signals = new List<StrategySignal>();
        foreach (var (tick, id) in RealBars.AsTicks(bars))
        {
            signals.AddRange(engine.OnTick(Exchange, Symbol, tick, id));
        }

        return signals;
    }

    private static List<(long OpenTimeUs, SignalDirection Direction, double Strength, string Reason)> Decisions(IEnumerable<StrategySignal> signals, string strategy) =>
        [.. signals.Where(s => s.Strategy == strategy).Select(s => (s.BarOpenTimeUs, s.Direction, s.Strength, s.Reason))];

    private static FusedStrategy ReferenceFusion(IEnumerable<StrategyEntry> entries, double threshold) =>
        new([.. entries.Where(e => e.Weight > 0).Select(e => new FusionMember(StrategyRegistry.Create(e.Name, e.Parameters), e.Weight))], threshold);

    private sealed class FixedAccount(StrategyAccountState state) : IStrategyAccount
    {
        public List<(string, string, string, long)> Reads { get; } = [];

        public StrategyAccountState Read(string strategy, string exchange, string symbol, long barOpenTimeUs)
        {
            Reads.Add((strategy, exchange, symbol, barOpenTimeUs));
            return state;
        }
    }
}
