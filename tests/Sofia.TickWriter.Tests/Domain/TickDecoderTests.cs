using Google.Protobuf;
using Sofia.Contracts.V1;
using Sofia.TickWriter.Domain;

namespace Sofia.TickWriter.Tests.Domain;

[TestFixture]
public sealed class TickDecoderTests
{
    private static readonly Int128 E18 = Int128.Parse("1000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void Decoder_reads_every_field_of_a_protobuf_tick()
    {
        var tick = NewTick();
        var payload = tick.ToByteArray();

        var ok = TickDecoder.TryDecode(payload, out var fields, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(Text(payload, fields.Exchange), Is.EqualTo("binance"));
            Assert.That(Text(payload, fields.Symbol), Is.EqualTo("BTC-USDT"));
            Assert.That(Text(payload, fields.TradeId), Is.EqualTo("123456789"));
            Assert.That(fields.Price, Is.EqualTo(6725010 * E18 / 100));
            Assert.That(fields.Quantity, Is.EqualTo(E18 / 1000));
            Assert.That(fields.Side, Is.EqualTo((byte)Side.Sell));
            Assert.That(fields.ExchangeTimeUs, Is.EqualTo(1_700_000_000_123_456));
            Assert.That(fields.ReceiveTimeUs, Is.EqualTo(1_700_000_000_223_456));
        });
    }

    [Test]
    public void Decoder_gives_equal_values_for_equal_prices_written_with_different_scales()
    {
        var a = NewTick();
        a.Price = new DecimalValue { Mantissa = 672501, Scale = 1 };
        var b = NewTick();
        b.Price = new DecimalValue { Mantissa = 6725010000, Scale = 5 };

        TickDecoder.TryDecode(a.ToByteArray(), out var first, out _);
        TickDecoder.TryDecode(b.ToByteArray(), out var second, out _);

        Assert.That(first.Price, Is.EqualTo(second.Price));
    }

    [Test]
    public void Decoder_accepts_a_scale_over_18_when_the_extra_digits_are_zeros()
    {
        var tick = NewTick();
        tick.Quantity = new DecimalValue { Mantissa = 15_000, Scale = 21 };

        var ok = TickDecoder.TryDecode(tick.ToByteArray(), out var fields, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(fields.Quantity, Is.EqualTo((Int128)15));
        });
    }

    [TestCase("price-missing", "price is missing")]
    [TestCase("price-zero", "price must be positive")]
    [TestCase("quantity-negative", "quantity must be positive")]
    [TestCase("exchange-empty", "exchange is empty")]
    [TestCase("trade-id-empty", "trade_id is empty")]
    [TestCase("too-precise", "price has more than 18 decimal places")]
    [TestCase("no-time", "exchange_time_us 0 is not a time between 1970 and 2106")]
    [TestCase("bad-side", "aggressor_side 7 is not a known side")]
    public void Decoder_rejects_a_tick_storage_cannot_hold_and_says_why(string defect, string reason)
    {
        var tick = NewTick();
        switch (defect)
        {
            case "price-missing": tick.Price = null; break;
            case "price-zero": tick.Price = new DecimalValue(); break;
            case "quantity-negative": tick.Quantity = new DecimalValue { Mantissa = -1, Scale = 0 }; break;
            case "exchange-empty": tick.Exchange = ""; break;
            case "trade-id-empty": tick.TradeId = ""; break;
            case "too-precise": tick.Price = new DecimalValue { Mantissa = 1, Scale = 19 }; break;
            case "no-time": tick.ExchangeTimeUs = 0; break;
            case "bad-side": tick.AggressorSide = (Side)7; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect));
        }

        var ok = TickDecoder.TryDecode(tick.ToByteArray(), out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Is.EqualTo(reason));
        });
    }

    [TestCase(new byte[] { 0xFF })]
    [TestCase(new byte[] { 0x0A, 0x40, 0x41 })]
    [TestCase(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D })]
    [TestCase(new byte[] { })]
    public void Decoder_rejects_bytes_that_are_not_a_tick(byte[] payload)
    {
        Assert.That(TickDecoder.TryDecode(payload, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void Decoding_allocates_nothing()
    {
        var payload = NewTick().ToByteArray();
        TickDecoder.TryDecode(payload, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            TickDecoder.TryDecode(payload, out _, out _);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    internal static Tick NewTick() => new()
    {
        Exchange = "binance",
        Symbol = "BTC-USDT",
        Price = new DecimalValue { Mantissa = 6725010, Scale = 2 },
        Quantity = new DecimalValue { Mantissa = 1, Scale = 3 },
        AggressorSide = Side.Sell,
        TradeId = "123456789",
        ExchangeTimeUs = 1_700_000_000_123_456,
        ReceiveTimeUs = 1_700_000_000_223_456,
    };

    private static string Text(byte[] payload, Range range) => System.Text.Encoding.UTF8.GetString(payload.AsSpan(range));
}
