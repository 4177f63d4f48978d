using Sofia.TickWriter.Domain;

namespace Sofia.TickWriter.Tests.Domain;

[TestFixture]
public sealed class CandleQueryTests
{
    [Test]
    public void Query_rounds_from_down_and_to_up_to_the_interval()
    {
        var ok = CandleQuery.TryParse("binance", "BTC-USDT", "1h", "2024-03-01T10:30:00Z", "2024-03-01T12:00:01Z", out var query, out _);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(query!.From, Is.EqualTo(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(query.To, Is.EqualTo(new DateTimeOffset(2024, 3, 1, 13, 0, 0, TimeSpan.Zero)));
            Assert.That(query.Interval.Seconds, Is.EqualTo(3600));
        });
    }

    [TestCase("1709287200000", "2024-03-01T10:00:00Z")]
    [TestCase("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z")]
    [TestCase("2024-03-01T12:00:00+02:00", "2024-03-01T10:00:00Z")]
    [TestCase("2024-03-01T10:00:00", "2024-03-01T10:00:00Z")]
    [TestCase("2024-03-01T10:00:00.250Z", "2024-03-01T10:00:00.25Z")]
    public void Times_are_iso_8601_or_epoch_milliseconds(string text, string expected)
    {
        Assert.That(CandleQuery.TryParseTime(text, out var time), Is.True);
        Assert.That(time, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase(null, "BTC-USDT", "1m", "0", "60000", "exchange")]
    [TestCase("Binance", "BTC-USDT", "1m", "0", "60000", "exchange")]
    [TestCase("binance", null, "1m", "0", "60000", "symbol")]
    [TestCase("binance", "BTC", "1m", "0", "60000", "symbol")]
    [TestCase("binance", "BTC-USDT", "2m", "0", "60000", "interval")]
    [TestCase("binance", "BTC-USDT", null, "0", "60000", "interval")]
    [TestCase("binance", "BTC-USDT", "1m", "yesterday", "60000", "from")]
    [TestCase("binance", "BTC-USDT", "1m", null, "60000", "from")]
    [TestCase("binance", "BTC-USDT", "1m", "0", "", "to")]
    [TestCase("binance", "BTC-USDT", "1m", "120000", "60000", "to")]
    [TestCase("binance", "BTC-USDT", "1m", "0", "1700000000000", "to")]
    public void A_bad_parameter_is_named(string? exchange, string? symbol, string? interval, string? from, string? to, string parameter)
    {
        var ok = CandleQuery.TryParse(exchange, symbol, interval, from, to, out _, out var failure);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(failure.Parameter, Is.EqualTo(parameter));
            Assert.That(failure.Error, Is.Not.Empty);
        });
    }

    [Test]
    public void A_lower_case_symbol_is_made_canonical()
    {
        Assert.That(CandleQuery.TryParse("okx", "eth-usdt", "1d", "0", "86400000", out var query, out _), Is.True);
        Assert.That(query!.Symbol, Is.EqualTo("ETH-USDT"));
    }
}
