using System.Buffers;
using System.Text;
using Sofia.Nats.Internal;

namespace Sofia.Nats.Tests.Internal;

public sealed class ProtocolWriterTests
{
    [Test]
    public void Publish_without_headers_is_written_as_pub()
    {
        var buffer = new ArrayBufferWriter<byte>();

        ProtocolWriter.WritePublish(buffer, "orders.new", null, null, "hello"u8);

        Assert.That(Text(buffer), Is.EqualTo("PUB orders.new 5\r\nhello\r\n"));
    }

    [Test]
    public void Publish_with_reply_subject_names_it_before_the_size()
    {
        var buffer = new ArrayBufferWriter<byte>();

        ProtocolWriter.WritePublish(buffer, "svc.echo", "_INBOX.a.1", null, ReadOnlySpan<byte>.Empty);

        Assert.That(Text(buffer), Is.EqualTo("PUB svc.echo _INBOX.a.1 0\r\n\r\n"));
    }

    [Test]
    public void Publish_with_headers_is_written_as_hpub_with_both_sizes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var headers = new NatsHeaders().Add("Nats-Msg-Id", "7").Add("X-Tag", "a").Add("X-Tag", "b");

        ProtocolWriter.WritePublish(buffer, "s", null, headers, "xy"u8);

        const string block = "NATS/1.0\r\nNats-Msg-Id: 7\r\nX-Tag: a\r\nX-Tag: b\r\n\r\n";
        Assert.That(Text(buffer), Is.EqualTo($"HPUB s {block.Length} {block.Length + 2}\r\n{block}xy\r\n"));
    }

    [Test]
    public void Raw_publish_appends_the_token_to_the_reply_prefix()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var headers = "NATS/1.0\r\nNats-Msg-Id: m1\r\n\r\n"u8;

        ProtocolWriter.WritePublish(buffer, "js.in"u8, "_INBOX.p."u8, 123, headers, "z"u8);

        Assert.That(Text(buffer), Is.EqualTo($"HPUB js.in _INBOX.p.123 {headers.Length} {headers.Length + 1}\r\nNATS/1.0\r\nNats-Msg-Id: m1\r\n\r\nz\r\n"));
    }

    [Test]
    public void Subscribe_and_unsubscribe_follow_the_protocol()
    {
        var buffer = new ArrayBufferWriter<byte>();

        ProtocolWriter.WriteSubscribe(buffer, "ticks.>", null, 1);
        ProtocolWriter.WriteSubscribe(buffer, "jobs", "workers", 2);
        ProtocolWriter.WriteUnsubscribe(buffer, 1, 0);
        ProtocolWriter.WriteUnsubscribe(buffer, 2, 10);

        Assert.That(Text(buffer), Is.EqualTo("SUB ticks.> 1\r\nSUB jobs workers 2\r\nUNSUB 1\r\nUNSUB 2 10\r\n"));
    }

    [Test]
    public void Written_publish_reads_back_through_the_parser_as_the_same_message()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var headers = new NatsHeaders().Add("K", "v");
        ProtocolWriter.WritePublish(buffer, "a.b", "r.1", headers, "payload"u8);
        var asServer = "HMSG a.b 5 r.1 " + Text(buffer)["HPUB a.b r.1 ".Length..];
        var sequence = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(asServer));

        Assert.That(new ProtocolParser().TryRead(ref sequence, out var op), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.ASCII.GetString(op.Payload.ToArray()), Is.EqualTo("payload"));
            Assert.That(NatsHeaders.Parse(op.Headers)["K"], Is.EqualTo("v"));
        });
    }

    private static string Text(ArrayBufferWriter<byte> buffer) => Encoding.ASCII.GetString(buffer.WrittenSpan);
}
