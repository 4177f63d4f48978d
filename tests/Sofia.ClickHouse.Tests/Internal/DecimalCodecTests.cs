using Sofia.ClickHouse.Internal;

namespace Sofia.ClickHouse.Tests.Internal;

[TestFixture]
public sealed class DecimalCodecTests
{
    [TestCase("123.4567", 18, 4, "1234567")]
    [TestCase("1.5", 9, 2, "150")]
    [TestCase("1.50", 9, 2, "150")]
    [TestCase("-0.5", 18, 1, "-5")]
    [TestCase("0", 9, 0, "0")]
    [TestCase("99999999.99", 10, 2, "9999999999")]
    [TestCase("-12345678901234567890.123456789", 38, 9, "-12345678901234567890123456789")]
    [TestCase("1.1", 38, 20, "110000000000000000000")]
    public void Scales_a_decimal_exactly(string value, int precision, int scale, string expected) =>
        Assert.That(DecimalCodec.ToScaled(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), precision, scale), Is.EqualTo(Int128.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));

    [Test]
    public void Refuses_to_round_a_value_with_more_decimal_places() =>
        Assert.That(() => DecimalCodec.ToScaled(1.005m, 9, 2), Throws.ArgumentException);

    [Test]
    public void Refuses_a_value_with_too_many_integer_digits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => DecimalCodec.ToScaled(10m, 9, 8), Throws.InstanceOf<OverflowException>());
            Assert.That(() => DecimalCodec.ToScaled(decimal.MaxValue, 38, 10), Throws.InstanceOf<OverflowException>());
        });
    }

    [TestCase(4, 4)]
    [TestCase(9, 4)]
    [TestCase(10, 8)]
    [TestCase(18, 8)]
    [TestCase(19, 16)]
    [TestCase(38, 16)]
    public void Stores_by_precision(int precision, int bytes) =>
        Assert.That(DecimalCodec.SizeOf(precision, 0), Is.EqualTo(bytes));

    [Test]
    public void Reads_back_a_scaled_integer_with_its_scale()
    {
        var value = DecimalCodec.FromScaled(1234567, 4);

        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(123.4567m));
            Assert.That(value.Scale, Is.EqualTo(4));
            Assert.That(DecimalCodec.FromScaled(-5, 1), Is.EqualTo(-0.5m));
        });
    }

    [Test]
    public void Reads_a_scale_over_28_when_trailing_zeros_make_it_exact() =>
        Assert.That(DecimalCodec.FromScaled(Int128.Parse("15000000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture), 31), Is.EqualTo(1.5m));

    [Test]
    public void Refuses_a_value_a_decimal_cannot_hold_exactly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => DecimalCodec.FromScaled(Int128.Parse("12345678901234567890123456789012", System.Globalization.CultureInfo.InvariantCulture), 31), Throws.InstanceOf<OverflowException>());
            Assert.That(() => DecimalCodec.FromScaled(Int128.MaxValue, 0), Throws.InstanceOf<OverflowException>());
        });
    }
}
