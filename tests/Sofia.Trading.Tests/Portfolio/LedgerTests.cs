using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;

namespace Sofia.Trading.Tests.Portfolio;

public sealed class LedgerTests
{
    private const string Btc = "BTC-USDT";

    internal static Fill MakeFill(OrderSide side, decimal quantity, decimal price, decimal fee = 0m, string strategy = "trend", string symbol = Btc) =>
        new(1, strategy, symbol, side, quantity, price, fee, Liquidity.Taker, 0, 0m);

    // Buy 2 @ 100 fee 0.2, sell 1 @ 110 fee 0.11. Realized = price PnL 1 · (110 − 100) = 10, fees 0.31 kept apart;
    // cash = 1000 − 200 − 0.2 + 110 − 0.11 = 909.69; marked at 110 the open unit adds 10: equity 1019.69.
    [Test]
    public void Long_partial_close_is_booked_as_worked_by_hand()
    {
        var ledger = new Ledger("trend", 1000m);
        ledger.Apply(MakeFill(OrderSide.Buy, 2m, 100m, 0.2m));
        ledger.Apply(MakeFill(OrderSide.Sell, 1m, 110m, 0.11m));
        ledger.Mark(Btc, 110m);

        var position = ledger.Find(Btc)!;
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Cash, Is.EqualTo(909.69m));
            Assert.That(ledger.RealizedPnl, Is.EqualTo(10m));
            Assert.That(ledger.FeesPaid, Is.EqualTo(0.31m));
            Assert.That(position.Quantity, Is.EqualTo(1m));
            Assert.That(position.AveragePrice, Is.EqualTo(100m));
            Assert.That(ledger.UnrealizedPnl, Is.EqualTo(10m));
            Assert.That(ledger.Equity, Is.EqualTo(1019.69m));
        });
    }

    // Sell 3 @ 50 fee 0.15 (cash 1149.85), buy 1 @ 40 fee 0.04: realized 10, cash 1109.81; −2 marked at 45:
    // unrealized −2 · 45 + 100 = 10, equity 1109.81 − 90 = 1019.81 = 1000 + 10 + 10 − 0.19.
    [Test]
    public void Short_partial_cover_is_booked_as_worked_by_hand()
    {
        var ledger = new Ledger("trend", 1000m);
        ledger.Apply(MakeFill(OrderSide.Sell, 3m, 50m, 0.15m));
        ledger.Apply(MakeFill(OrderSide.Buy, 1m, 40m, 0.04m));
        ledger.Mark(Btc, 45m);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Cash, Is.EqualTo(1109.81m));
            Assert.That(ledger.RealizedPnl, Is.EqualTo(10m));
            Assert.That(ledger.PositionQuantity(Btc), Is.EqualTo(-2m));
            Assert.That(ledger.Find(Btc)!.AveragePrice, Is.EqualTo(50m));
            Assert.That(ledger.UnrealizedPnl, Is.EqualTo(10m));
            Assert.That(ledger.Equity, Is.EqualTo(1019.81m));
        });
    }

    // Long 2 @ 100, sell 5 @ 120: closes 2 (realized 40) and opens 3 short at 120; cash 1000 − 200 + 600 = 1400;
    // marked at 110 the short gains 30: equity 1400 − 330 = 1070 = 1000 + 40 + 30.
    [Test]
    public void Flip_from_long_to_short_realizes_the_long_and_opens_the_short_at_the_fill_price()
    {
        var ledger = new Ledger("trend", 1000m);
        ledger.Apply(MakeFill(OrderSide.Buy, 2m, 100m));
        ledger.Apply(MakeFill(OrderSide.Sell, 5m, 120m));
        ledger.Mark(Btc, 110m);

        var position = ledger.Find(Btc)!;
        Assert.Multiple(() =>
        {
            Assert.That(ledger.RealizedPnl, Is.EqualTo(40m));
            Assert.That(position.Quantity, Is.EqualTo(-3m));
            Assert.That(position.AveragePrice, Is.EqualTo(120m));
            Assert.That(ledger.Cash, Is.EqualTo(1400m));
            Assert.That(ledger.UnrealizedPnl, Is.EqualTo(30m));
            Assert.That(ledger.Equity, Is.EqualTo(1070m));
            Assert.That(ledger.GrossExposure, Is.EqualTo(330m));
        });
    }

    // Buy 1 @ 100 and 3 @ 120: average (100 + 360) / 4 = 115.
    [Test]
    public void Adding_to_a_position_averages_the_entry_price()
    {
        var ledger = new Ledger("trend", 1000m);
        ledger.Apply(MakeFill(OrderSide.Buy, 1m, 100m));
        ledger.Apply(MakeFill(OrderSide.Buy, 3m, 120m));
        Assert.That(ledger.Find(Btc)!.AveragePrice, Is.EqualTo(115m));
    }

    // Buy 3 @ 10.01 then sell three single units @ 10.02: each close realizes 0.01, exactly 0.03 in all, flat after.
    [Test]
    public void Closing_in_thirds_leaves_no_rounding_residue()
    {
        var ledger = new Ledger("trend", 100m);
        ledger.Apply(MakeFill(OrderSide.Buy, 3m, 10.01m));
        for (var i = 0; i < 3; i++)
        {
            ledger.Apply(MakeFill(OrderSide.Sell, 1m, 10.02m));
        }

        var position = ledger.Find(Btc)!;
        Assert.Multiple(() =>
        {
            Assert.That(ledger.RealizedPnl, Is.EqualTo(0.03m));
            Assert.That(position.CostBasis, Is.Zero);
            Assert.That(ledger.Equity, Is.EqualTo(100.03m));
        });
    }

    [Test]
    public void First_fill_marks_a_position_until_a_price_arrives()
    {
        var ledger = new Ledger("trend", 1000m);
        ledger.Apply(MakeFill(OrderSide.Buy, 1m, 100m));
        var atFill = ledger.Equity;
        ledger.Mark(Btc, 90m);
        Assert.That((atFill, ledger.Equity), Is.EqualTo((1000m, 990m)));
    }
}
