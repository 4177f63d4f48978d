using System.Text;
using Sofia.Contracts.V1;

namespace Sofia.Contracts.Tests;

public sealed class DecimalValueTests
{
    [TestCase("67250.10", 6725010L, 2u)]
    [TestCase("0.00000123", 123L, 8u)]
    [TestCase("-0.001", -1L, 3u)]
    [TestCase("42", 42L, 0u)]
    [TestCase("+1.5", 15L, 1u)]
    [TestCase(".5", 5L, 1u)]
    [TestCase("9223372036854775807", long.MaxValue, 0u)]
    public void Parse_keeps_the_exact_digits_and_scale(string text, long mantissa, uint scale)
    {
        var value = DecimalValue.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Multiple(() =>
        {
            Assert.That(value.Mantissa, Is.EqualTo(mantissa));
            Assert.That(value.Scale, Is.EqualTo(scale));
            Assert.That(value.ToDecimal(), Is.EqualTo(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [TestCase("")]
    [TestCase("-")]
    [TestCase(".")]
    [TestCase("1.2.3")]
    [TestCase("1e5")]
    [TestCase("9223372036854775808")]
    [TestCase("abc")]
    public void Parse_rejects_text_that_is_not_a_plain_decimal(string text)
    {
        Assert.Throws<FormatException>(() => DecimalValue.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [TestCase("0")]
    [TestCase("1.10")]
    [TestCase("-67250.123456789")]
    [TestCase("0.000000000000000001")]
    [TestCase("922337203685477580.7")]
    public void FromDecimal_round_trips_exactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var wire = DecimalValue.FromDecimal(value);
        var back = DecimalValue.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(wire)).ToDecimal();
        Assert.That(back, Is.EqualTo(value));
        Assert.That(back.Scale, Is.EqualTo(value.Scale), "scale (trailing zeros) is kept");
    }

    [Test]
    public void FromDecimal_drops_trailing_zeros_only_when_the_mantissa_needs_it()
    {
        var wire = DecimalValue.FromDecimal(1234567890123456789.000000m);
        Assert.That(wire.ToDecimal(), Is.EqualTo(1234567890123456789m));
    }

    [Test]
    public void FromDecimal_rejects_more_than_eighteen_significant_digits()
    {
        Assert.Throws<OverflowException>(() => DecimalValue.FromDecimal(1234567890123456789012.5m));
    }
}
