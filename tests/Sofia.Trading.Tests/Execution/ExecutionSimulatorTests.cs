using Sofia.Trading.Execution;

namespace Sofia.Trading.Tests.Execution;

public sealed class ExecutionSimulatorTests
{
    private const string Symbol = "BTC-USDT";
    private const long Minute = 60_000_000;

    private static Bar BarAt(int index, double open, double high, double low, double close, double volume = 1000) =>
        new(index * Minute, open, high, low, close, volume);

    private static Order MakeOrder(OrderType type, OrderSide side, decimal quantity, decimal price = 0m, long id = 1, long timeUs = 0) =>
        new(id, "trend", Symbol, side, type, quantity, price, timeUs);

    // One bar O=100 H=110 L=90 C=105; orders submitted before it (their first live bar). Price 0 = no fill.
    [TestCase(OrderType.Market, OrderSide.Buy, 0, 100, Liquidity.Taker)]
    [TestCase(OrderType.Market, OrderSide.Sell, 0, 100, Liquidity.Taker)]
    [TestCase(OrderType.Limit, OrderSide.Buy, 95, 95, Liquidity.Maker)]
    [TestCase(OrderType.Limit, OrderSide.Buy, 105, 100, Liquidity.Taker)]
    [TestCase(OrderType.Limit, OrderSide.Buy, 90, 90, Liquidity.Maker)]
    [TestCase(OrderType.Limit, OrderSide.Buy, 85, 0, Liquidity.Maker)]
    [TestCase(OrderType.Limit, OrderSide.Sell, 108, 108, Liquidity.Maker)]
    [TestCase(OrderType.Limit, OrderSide.Sell, 95, 100, Liquidity.Taker)]
    [TestCase(OrderType.Limit, OrderSide.Sell, 112, 0, Liquidity.Maker)]
    [TestCase(OrderType.Stop, OrderSide.Buy, 105, 105, Liquidity.Taker)]
    [TestCase(OrderType.Stop, OrderSide.Buy, 95, 100, Liquidity.Taker)]
    [TestCase(OrderType.Stop, OrderSide.Buy, 115, 0, Liquidity.Taker)]
    [TestCase(OrderType.Stop, OrderSide.Sell, 95, 95, Liquidity.Taker)]
    [TestCase(OrderType.Stop, OrderSide.Sell, 105, 100, Liquidity.Taker)]
    [TestCase(OrderType.Stop, OrderSide.Sell, 85, 0, Liquidity.Taker)]
    public void Bar_fill_price_follows_the_order_type_rules(OrderType type, OrderSide side, decimal level, decimal expectedPrice, Liquidity expectedLiquidity)
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        simulator.Submit(MakeOrder(type, side, 1m, level));

        var fills = simulator.OnBar(BarAt(0, 100, 110, 90, 105)).ToArray();

        if (expectedPrice == 0m)
        {
            Assert.That(fills, Is.Empty);
            Assert.That(simulator.OpenOrderCount, Is.EqualTo(1));
            return;
        }

        Assert.That(fills, Has.Length.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(fills[0].Price, Is.EqualTo(expectedPrice));
            Assert.That(fills[0].Liquidity, Is.EqualTo(expectedLiquidity));
            Assert.That(fills[0].Quantity, Is.EqualTo(1m));
            Assert.That(fills[0].IsComplete, Is.True);
            Assert.That(simulator.OpenOrderCount, Is.Zero);
        });
    }

    [Test]
    public void Market_order_decided_at_a_bar_close_fills_at_the_next_bar_open()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        // Decided when bar 0 closed, i.e. at bar 1's open time.
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 1m, timeUs: 1 * Minute));

        var sameBar = simulator.OnBar(BarAt(0, 100, 101, 99, 100)).Length;
        var nextBar = simulator.OnBar(BarAt(1, 102, 103, 101, 102)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(sameBar, Is.Zero);
            Assert.That(nextBar.Single().Price, Is.EqualTo(102m));
            Assert.That(nextBar.Single().TimeUs, Is.EqualTo(1 * Minute));
        });
    }

    [Test]
    public void Resting_buy_limit_fills_at_the_open_when_a_later_bar_gaps_below_it()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        simulator.Submit(MakeOrder(OrderType.Limit, OrderSide.Buy, 1m, 95m));

        var first = simulator.OnBar(BarAt(0, 100, 101, 99, 100)).Length;
        var gap = simulator.OnBar(BarAt(1, 93, 96, 92, 94)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Zero);
            Assert.That(gap.Single().Price, Is.EqualTo(93m));
            Assert.That(gap.Single().Liquidity, Is.EqualTo(Liquidity.Maker));
        });
    }

    // Market buy of 2 at open 100 with 5 bps slippage and 10 bps taker fee: price 100.05, fee 2 · 100.05 · 0.001.
    [Test]
    public void Taker_fill_pays_slippage_and_taker_fee()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { TakerFeeBps = 10m, MakerFeeBps = 2m, SlippageBps = 5m });
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 2m));

        var fill = simulator.OnBar(BarAt(0, 100, 101, 99, 100))[0];

        Assert.Multiple(() =>
        {
            Assert.That(fill.Price, Is.EqualTo(100.05m));
            Assert.That(fill.Fee, Is.EqualTo(0.2001m));
        });
    }

    // Resting sell limit 108 fills at 108 exactly (no slippage on maker fills), fee 3 · 108 · 2 bps = 0.0648.
    [Test]
    public void Maker_fill_pays_the_maker_fee_without_slippage()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { TakerFeeBps = 10m, MakerFeeBps = 2m, SlippageBps = 5m });
        simulator.Submit(MakeOrder(OrderType.Limit, OrderSide.Sell, 3m, 108m));

        var fill = simulator.OnBar(BarAt(0, 100, 110, 90, 105))[0];

        Assert.That((fill.Price, fill.Fee, fill.Liquidity), Is.EqualTo((108m, 0.0648m, Liquidity.Maker)));
    }

    [Test]
    public void Marketable_limit_slippage_never_crosses_the_limit()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { SlippageBps = 5m });
        simulator.Submit(MakeOrder(OrderType.Limit, OrderSide.Buy, 1m, 100.02m));

        var fill = simulator.OnBar(BarAt(0, 100, 101, 99, 100))[0];

        Assert.That(fill.Price, Is.EqualTo(100.02m));
    }

    // Cap 10 % of 1000 = 100 per bar: 250 fills as 100, 100, 50.
    [Test]
    public void Participation_cap_splits_a_large_order_into_partial_fills()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { MaxParticipation = 0.1m });
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 250m));

        var filled = new List<(decimal Quantity, decimal Remaining)>();
        for (var i = 0; i < 4; i++)
        {
            foreach (var fill in simulator.OnBar(BarAt(i, 100, 101, 99, 100)))
            {
                filled.Add((fill.Quantity, fill.RemainingQuantity));
            }
        }

        Assert.That(filled, Is.EqualTo(new[] { (100m, 150m), (100m, 50m), (50m, 0m) }));
    }

    // Orders share one budget per bar in submission order: 80 then 20 of the second on bar 0, its last 30 on bar 1.
    [Test]
    public void Participation_budget_is_shared_by_orders_in_submission_order()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { MaxParticipation = 0.1m });
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 80m, id: 1));
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Sell, 50m, id: 2));

        var bar0 = simulator.OnBar(BarAt(0, 100, 101, 99, 100)).ToArray();
        var bar1 = simulator.OnBar(BarAt(1, 100, 101, 99, 100)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(bar0.Select(f => (f.OrderId, f.Quantity)), Is.EqualTo(new[] { (1L, 80m), (2L, 20m) }));
            Assert.That(bar1.Select(f => (f.OrderId, f.Quantity)), Is.EqualTo(new[] { (2L, 30m) }));
        });
    }

    // 100 of 1000 is 10 % participation: 100 bps · 0.1 = 10 bps of impact on the 100 open.
    [Test]
    public void Impact_slippage_grows_with_participation()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { ImpactBps = 100m });
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 100m));

        Assert.That(simulator.OnBar(BarAt(0, 100, 101, 99, 100, volume: 1000))[0].Price, Is.EqualTo(100.10m));
    }

    [Test]
    public void Zero_volume_bar_fills_nothing_under_a_participation_cap()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { MaxParticipation = 0.5m });
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 1m));

        var fills = simulator.OnBar(BarAt(0, 100, 100, 100, 100, volume: 0)).Length;

        Assert.That((fills, simulator.OpenOrderCount, simulator.RemainingQuantity(1)), Is.EqualTo((0, 1, 1m)));
    }

    [Test]
    public void Cancelled_order_never_fills()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Buy, 1m, id: 7));

        Assert.Multiple(() =>
        {
            Assert.That(simulator.Cancel(7), Is.True);
            Assert.That(simulator.Cancel(7), Is.False);
            Assert.That(simulator.OnBar(BarAt(0, 100, 101, 99, 100)).Length, Is.Zero);
        });
    }

    [Test]
    public void Order_for_another_symbol_is_refused()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        var order = Order.Market(1, "trend", "ETH-USDT", OrderSide.Buy, 1m, 0);
        Assert.Throws<ArgumentException>(() => simulator.Submit(order));
    }

    [Test]
    public void Tick_mode_market_order_fills_at_the_next_trade_price()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        simulator.Submit(MakeOrder(OrderType.Market, OrderSide.Sell, 0.5m, timeUs: 10));

        var early = simulator.OnTrade(new TradeTick(9, 101.0, 2, true)).Length;
        var fill = simulator.OnTrade(new TradeTick(12, 100.5, 2, false))[0];

        Assert.That((early, fill.Price, fill.TimeUs, fill.Liquidity), Is.EqualTo((0, 100.5m, 12L, Liquidity.Taker)));
    }

    [Test]
    public void Tick_mode_resting_limit_fills_at_its_limit_when_a_trade_crosses_it()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        simulator.Submit(MakeOrder(OrderType.Limit, OrderSide.Buy, 1m, 100m));

        var above = simulator.OnTrade(new TradeTick(1, 100.4, 1, true)).Length;
        var fill = simulator.OnTrade(new TradeTick(2, 99.5, 1, false))[0];

        Assert.That((above, fill.Price, fill.Liquidity), Is.EqualTo((0, 100m, Liquidity.Maker)));
    }

    [Test]
    public void Tick_mode_stop_fills_at_the_trade_that_crosses_it()
    {
        var simulator = new ExecutionSimulator(Symbol, FillModel.Frictionless);
        simulator.Submit(MakeOrder(OrderType.Stop, OrderSide.Buy, 1m, 105m));

        var below = simulator.OnTrade(new TradeTick(1, 104.9, 1, true)).Length;
        var fill = simulator.OnTrade(new TradeTick(2, 105.3, 1, true))[0];

        Assert.That((below, fill.Price, fill.Liquidity), Is.EqualTo((0, 105.3m, Liquidity.Taker)));
    }

    [Test]
    public void Steady_state_bar_loop_allocates_nothing()
    {
        var simulator = new ExecutionSimulator(Symbol, new FillModel { TakerFeeBps = 10m, SlippageBps = 1m });
        var bar = BarAt(1, 100, 101, 99, 100);
        var order = MakeOrder(OrderType.Market, OrderSide.Buy, 1m);
        var resting = MakeOrder(OrderType.Limit, OrderSide.Buy, 1m, 50m, id: 2);
        simulator.Submit(resting);
        Cycle(simulator, order, bar, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var fills = Cycle(simulator, order, bar, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That((allocated, fills), Is.EqualTo((0L, 10_000)));
    }

    private static int Cycle(ExecutionSimulator simulator, in Order order, in Bar bar, int times)
    {
        var fills = 0;
        for (var i = 0; i < times; i++)
        {
            simulator.Submit(order);
            fills += simulator.OnBar(bar).Length;
            fills += simulator.OnBar(bar).Length;
        }

        return fills;
    }
}
