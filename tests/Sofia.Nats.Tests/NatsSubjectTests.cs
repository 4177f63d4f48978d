namespace Sofia.Nats.Tests;

public sealed class NatsSubjectTests
{
    [TestCase("foo", true)]
    [TestCase("ticks.binance.BTC-USDT", true)]
    [TestCase("$JS.API.STREAM.INFO.X", true)]
    [TestCase("", false)]
    [TestCase("foo.", false)]
    [TestCase(".foo", false)]
    [TestCase("foo..bar", false)]
    [TestCase("foo bar", false)]
    [TestCase("foo\tbar", false)]
    [TestCase("foo.*", false)]
    [TestCase("foo.>", false)]
    [TestCase("foo*.bar", true)]
    public void Publish_subjects_are_validated(string subject, bool valid) =>
        Assert.That(NatsSubject.IsValidPublishSubject(subject), Is.EqualTo(valid));

    [TestCase("foo.*", true)]
    [TestCase("foo.>", true)]
    [TestCase(">", true)]
    [TestCase("*.*.BTC-USDT", true)]
    [TestCase("foo.>.bar", false)]
    [TestCase("foo..*", false)]
    [TestCase("foo. >", false)]
    public void Subscribe_subjects_allow_whole_token_wildcards(string subject, bool valid) =>
        Assert.That(NatsSubject.IsValidSubscribeSubject(subject), Is.EqualTo(valid));

    [TestCase("foo.bar", "foo.bar", true)]
    [TestCase("foo.bar", "foo.baz", false)]
    [TestCase("foo.*", "foo.bar", true)]
    [TestCase("foo.*", "foo.bar.baz", false)]
    [TestCase("foo.*", "foo", false)]
    [TestCase("foo.>", "foo.bar", true)]
    [TestCase("foo.>", "foo.bar.baz", true)]
    [TestCase("foo.>", "foo", false)]
    [TestCase(">", "anything.at.all", true)]
    [TestCase("*.*.BTC-USDT", "ticks.okx.BTC-USDT", true)]
    [TestCase("*.*.BTC-USDT", "ticks.okx.ETH-USDT", false)]
    [TestCase("ticks.*.BTC-USDT", "ticks.BTC-USDT", false)]
    [TestCase("a.*.c.>", "a.b.c.d.e", true)]
    [TestCase("a.*.c.>", "a.b.c", false)]
    [TestCase("foo", "foo.bar", false)]
    [TestCase("foo.bar", "foo", false)]
    public void Wildcards_match_whole_tokens(string pattern, string subject, bool matches) =>
        Assert.That(NatsSubject.Matches(pattern, subject), Is.EqualTo(matches));
}
