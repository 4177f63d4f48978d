using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.Tests.JetStream.Internal;

public sealed class PubAckParserTests
{
    [Test]
    public void Ack_gives_sequence_and_duplicate_flag()
    {
        var ok = PubAckParser.TryParse("{\"stream\":\"TICKS\",\"domain\":\"x\",\"seq\":42,\"duplicate\":true}"u8, out var seq, out var duplicate, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(seq, Is.EqualTo(42));
            Assert.That(duplicate, Is.True);
            Assert.That(error, Is.Null);
        });
    }

    [Test]
    public void Ack_gives_the_stream_name_as_bytes_of_the_ack()
    {
        var ok = PubAckParser.TryParse("{\"stream\":\"TICKS\",\"seq\":7}"u8, out var stream, out var seq, out _, out _);
        var name = System.Text.Encoding.UTF8.GetString(stream);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(name, Is.EqualTo("TICKS"));
            Assert.That(seq, Is.EqualTo(7));
        });
    }

    [Test]
    public void Error_ack_gives_the_api_error()
    {
        var ok = PubAckParser.TryParse("{\"error\":{\"code\":400,\"err_code\":10071,\"description\":\"wrong last sequence: 1\"}}"u8, out _, out _, out var error);

        Assert.That(ok, Is.True);
        Assert.That(error, Is.EqualTo(new ApiError(400, 10071, "wrong last sequence: 1")));
    }

    [Test]
    public void Garbage_is_not_an_ack() =>
        Assert.That(PubAckParser.TryParse("[1,2]"u8, out _, out _, out _), Is.False);
}
