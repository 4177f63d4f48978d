using System.Globalization;
using System.Text;
using Sofia.Exchanges.Internal;

namespace Sofia.Exchanges.Tests;

public sealed class IsoTimeTests
{
    [TestCase("2023-02-09T20:19:35.39625135Z", 1_675_973_975_396_251L)]
    [TestCase("2019-08-14T20:42:27.265Z", 1_565_815_347_265_000L)]
    [TestCase("1970-01-01T00:00:00Z", 0L)]
    [TestCase("2024-02-29T23:59:59.999999Z", 1_709_251_199_999_999L)]
    [TestCase("2020-01-31T21:03:41.158814+01:00", 1_580_501_021_158_814L)]
    public void Parses_to_microseconds_truncating_nanoseconds(string text, long micros)
    {
        Assert.That(IsoTime.TryParseMicros(Encoding.UTF8.GetBytes(text), out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(micros));
    }

    [Test]
    public void Agrees_with_the_framework_over_many_dates()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, 4_102_444_800_000)).AddTicks(random.Next(0, 10_000));
            var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            Assert.That(IsoTime.TryParseMicros(Encoding.UTF8.GetBytes(text), out var parsed), Is.True, text);
            Assert.That(parsed, Is.EqualTo((time.UtcTicks - DateTime.UnixEpoch.Ticks) / 10), text);
        }
    }

    [TestCase("2019-08-14 20:42")]
    [TestCase("2019-13-14T20:42:27Z")]
    [TestCase("2019-02-30T20:42:27Z")]
    [TestCase("2019-08-14T20:42:27.Z")]
    [TestCase("2019-08-14T20:42:27")]
    [TestCase("2019-08-14T20:42:27+0100")]
    [TestCase("1969-12-31T23:59:59Z")]
    public void Refuses_what_is_not_an_utc_timestamp(string text) =>
        Assert.That(IsoTime.TryParseMicros(Encoding.UTF8.GetBytes(text), out _), Is.False);
}
