using System.Text;

namespace Sofia.Nats.Tests;

public sealed class NatsHeadersTests
{
    [Test]
    public void Headers_keep_repeated_keys_in_order()
    {
        var headers = NatsHeaders.Parse("NATS/1.0\r\nA: 1\r\nB: x\r\nA: 2\r\n\r\n"u8);

        Assert.Multiple(() =>
        {
            Assert.That(headers.GetValues("A"), Is.EqualTo(new List<string> { "1", "2" }));
            Assert.That(headers["a"], Is.EqualTo("1"));
            Assert.That(headers["B"], Is.EqualTo("x"));
            Assert.That(headers.StatusCode, Is.Zero);
            Assert.That(headers.Count, Is.EqualTo(3));
        });
    }

    [TestCase("NATS/1.0 503\r\n\r\n", 503, "")]
    [TestCase("NATS/1.0 100 Idle Heartbeat\r\n\r\n", 100, "Idle Heartbeat")]
    [TestCase("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 10\r\nNats-Pending-Bytes: 100\r\n\r\n", 408, "Request Timeout")]
    [TestCase("NATS/1.0 409 Consumer Deleted\r\n\r\n", 409, "Consumer Deleted")]
    public void Status_line_gives_code_and_description(string block, int code, string description)
    {
        var headers = NatsHeaders.Parse(Encoding.ASCII.GetBytes(block));

        Assert.Multiple(() =>
        {
            Assert.That(headers.StatusCode, Is.EqualTo(code));
            Assert.That(headers.StatusDescription, Is.EqualTo(description));
        });
    }

    [Test]
    public void Values_may_contain_colons_and_lose_surrounding_spaces()
    {
        var headers = NatsHeaders.Parse("NATS/1.0\r\nUrl:   http://x:1/  \r\n\r\n"u8);

        Assert.That(headers["Url"], Is.EqualTo("http://x:1/"));
    }

    [Test]
    public void Serialized_headers_have_the_announced_length_and_parse_back()
    {
        var headers = new NatsHeaders().Add("Nats-Msg-Id", "é1").Add("X", "a").Add("X", "b");
        var buffer = new byte[headers.GetSerializedLength()];

        var written = headers.WriteTo(buffer);
        var parsed = NatsHeaders.Parse(buffer);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(buffer.Length));
            Assert.That(Encoding.UTF8.GetString(buffer), Is.EqualTo("NATS/1.0\r\nNats-Msg-Id: é1\r\nX: a\r\nX: b\r\n\r\n"));
            Assert.That(parsed.GetValues("X"), Is.EqualTo(new List<string> { "a", "b" }));
        });
    }

    [Test]
    public void Set_replaces_every_value_of_a_key()
    {
        var headers = new NatsHeaders().Add("A", "1").Add("A", "2").Set("A", "3");

        Assert.That(headers.GetValues("A"), Is.EqualTo(new List<string> { "3" }));
    }

    [TestCase("has space")]
    [TestCase("colon:")]
    [TestCase("")]
    public void Invalid_keys_are_rejected(string key) =>
        Assert.Throws<ArgumentException>(() => new NatsHeaders().Add(key, "v"));

    [Test]
    public void Values_with_line_breaks_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new NatsHeaders().Add("K", "a\r\nB: c"));

    [Test]
    public void A_block_without_the_version_is_rejected() =>
        Assert.Throws<NatsProtocolException>(() => NatsHeaders.Parse("HTTP/1.1\r\n\r\n"u8));
}
