using Sofia.Trading.Sizing;

namespace Sofia.Trading.Tests.Sizing;

public sealed class LotSizeTests
{
    [TestCase(1.23456, 0.01, 0, 1.23)]
    [TestCase(-1.239, 0.01, 0, -1.23)]
    [TestCase(0.4, 0.1, 0.5, 0)]
    [TestCase(0.5, 0.1, 0.5, 0.5)]
    [TestCase(7.77, 0, 0, 7.77)]
    [TestCase(100, 0.3, 0, 99.9)]
    public void Quantity_rounds_toward_zero_to_the_step_and_respects_the_minimum(decimal quantity, decimal step, decimal minimum, decimal expected) =>
        Assert.That(new LotSize(step, minimum).Round(quantity), Is.EqualTo(expected));
}
