using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;

namespace Sofia.Trading.Tests.Portfolio;

public sealed class AccountTests
{
    private const string Btc = "BTC-USDT";

    // A buys 1 @ 100, B sells 1 @ 100: the account is flat. Marked at 110, A gains 10 and B loses 10.
    [Test]
    public void Opposite_strategies_net_to_a_flat_account_but_keep_their_own_pnl()
    {
        var account = new Account();
        var a = account.AddStrategy("a", 1000m);
        var b = account.AddStrategy("b", 500m);
        account.Apply(LedgerTests.MakeFill(OrderSide.Buy, 1m, 100m, strategy: "a"));
        account.Apply(LedgerTests.MakeFill(OrderSide.Sell, 1m, 100m, strategy: "b"));
        account.Mark(Btc, 110m);

        Assert.Multiple(() =>
        {
            Assert.That(account.PositionQuantity(Btc), Is.Zero);
            Assert.That(a.UnrealizedPnl, Is.EqualTo(10m));
            Assert.That(b.UnrealizedPnl, Is.EqualTo(-10m));
            Assert.That(a.Equity, Is.EqualTo(1010m));
            Assert.That(b.Equity, Is.EqualTo(490m));
            Assert.That(account.Equity, Is.EqualTo(1500m));
            Assert.That(account.Combined.RealizedPnl, Is.Zero);
            Assert.That(account.GrossExposure, Is.Zero);
        });
    }

    [Test]
    public void Fill_for_an_unknown_strategy_is_refused()
    {
        var account = new Account();
        account.AddStrategy("a", 1000m);
        Assert.Throws<KeyNotFoundException>(() => account.Apply(LedgerTests.MakeFill(OrderSide.Buy, 1m, 100m, strategy: "zzz")));
    }

    [Test]
    public void Strategy_added_later_sees_the_current_marks()
    {
        var account = new Account();
        account.AddStrategy("a", 1000m);
        account.Apply(LedgerTests.MakeFill(OrderSide.Buy, 1m, 100m, strategy: "a"));
        account.Mark(Btc, 105m);
        var late = account.AddStrategy("late", 1000m);
        account.Apply(LedgerTests.MakeFill(OrderSide.Buy, 1m, 107m, strategy: "late"));

        Assert.That((late.Equity, account.Equity), Is.EqualTo((998m, 2003m)));
    }
}
