using Sofia.Trading.Execution;

namespace Sofia.Trading.Tests.Execution;

public sealed class FillModelTests
{
    private static readonly FillModel Model = new() { MakerFeeBps = 2m, TakerFeeBps = 10m, SlippageBps = 5m, ImpactBps = 100m };

    [TestCase(Liquidity.Taker, 10)]
    [TestCase(Liquidity.Maker, 2)]
    public void Fee_is_basis_points_of_notional(Liquidity liquidity, decimal expected) =>
        Assert.That(Model.Fee(10_000m, liquidity), Is.EqualTo(expected));

    // 5 bps fixed + 100 bps · participation: 5 bps at zero participation, 15 bps at 10 %.
    [TestCase(OrderSide.Buy, 0, 100.05)]
    [TestCase(OrderSide.Sell, 0, 99.95)]
    [TestCase(OrderSide.Buy, 0.1, 100.15)]
    [TestCase(OrderSide.Sell, 0.1, 99.85)]
    public void Slippage_moves_the_price_against_the_order(OrderSide side, decimal participation, decimal expected) =>
        Assert.That(Model.ApplySlippage(100m, side, participation), Is.EqualTo(expected));

    [Test]
    public void Validation_rejects_a_participation_cap_above_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FillModel { MaxParticipation = 1.5m }.Validate());

    [Test]
    public void Validation_rejects_negative_taker_fees() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FillModel { TakerFeeBps = -1m }.Validate());
}
