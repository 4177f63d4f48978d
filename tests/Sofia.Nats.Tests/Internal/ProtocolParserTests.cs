using System.Buffers;
using System.Text;
using Sofia.Nats.Internal;

namespace Sofia.Nats.Tests.Internal;

public sealed class ProtocolParserTests
{
    [Test]
    public void Parser_reads_a_message_with_reply_subject()
    {
        var buffer = Sequence("MSG orders.new 7 _INBOX.abc.1 5\r\nhello\r\n");
        var parser = new ProtocolParser();

        Assert.That(parser.TryRead(ref buffer, out var op), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(op.Kind, Is.EqualTo(ServerOpKind.Msg));
            Assert.That(Text(op.Subject), Is.EqualTo("orders.new"));
            Assert.That(op.Sid, Is.EqualTo(7));
            Assert.That(Text(op.ReplyTo), Is.EqualTo("_INBOX.abc.1"));
            Assert.That(Encoding.ASCII.GetString(op.Payload.ToArray()), Is.EqualTo("hello"));
            Assert.That(buffer.Length, Is.Zero);
        });
    }

    [Test]
    public void Parser_reads_a_message_without_reply_subject_and_with_empty_payload()
    {
        var buffer = Sequence("MSG a.b 12 0\r\n\r\n");
        var parser = new ProtocolParser();

        Assert.That(parser.TryRead(ref buffer, out var op), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(Text(op.Subject), Is.EqualTo("a.b"));
            Assert.That(op.Sid, Is.EqualTo(12));
            Assert.That(op.ReplyTo.IsEmpty, Is.True);
            Assert.That(op.Payload.Length, Is.Zero);
        });
    }

    [Test]
    public void Parser_reads_a_message_with_headers()
    {
        const string headers = "NATS/1.0\r\nNats-Msg-Id: 42\r\n\r\n";
        var line = $"HMSG ticks.binance.BTC-USDT 3 {headers.Length} {headers.Length + 4}\r\n{headers}data\r\n";
        var buffer = Sequence(line);
        var parser = new ProtocolParser();

        Assert.That(parser.TryRead(ref buffer, out var op), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(op.Kind, Is.EqualTo(ServerOpKind.HMsg));
            Assert.That(op.HeaderLength, Is.EqualTo(headers.Length));
            Assert.That(Encoding.ASCII.GetString(op.Headers.ToArray()), Is.EqualTo(headers));
            Assert.That(Encoding.ASCII.GetString(op.Payload.ToArray()), Is.EqualTo("data"));
            Assert.That(op.ReplyTo.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Parser_reads_a_status_message_with_reply_subject()
    {
        const string headers = "NATS/1.0 503\r\n\r\n";
        var buffer = Sequence($"HMSG _INBOX.x.2 1 reply.to {headers.Length} {headers.Length}\r\n{headers}\r\n");
        var parser = new ProtocolParser();

        Assert.That(parser.TryRead(ref buffer, out var op), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(Text(op.ReplyTo), Is.EqualTo("reply.to"));
            Assert.That(op.Payload.Length, Is.Zero);
            Assert.That(NatsHeaders.Parse(op.Headers).StatusCode, Is.EqualTo(503));
        });
    }

    [Test]
    public void Parser_waits_for_the_rest_of_a_message_split_anywhere()
    {
        const string wire = "MSG s 1 r 3\r\nabc\r\nPING\r\n";
        for (var cut = 1; cut < wire.Length; cut++)
        {
            var parser = new ProtocolParser();
            var partial = Sequence(wire[..cut]);
            var complete = cut >= "MSG s 1 r 3\r\nabc\r\n".Length;
            Assert.That(parser.TryRead(ref partial, out _), Is.EqualTo(complete), $"cut at {cut}");

            var split = TwoSegments(wire, cut);
            Assert.That(parser.TryRead(ref split, out var op), Is.True, $"split at {cut}");
            Assert.Multiple(() =>
            {
                Assert.That(Text(op.Subject), Is.EqualTo("s"), $"split at {cut}");
                Assert.That(Text(op.ReplyTo), Is.EqualTo("r"), $"split at {cut}");
                Assert.That(Encoding.ASCII.GetString(op.Payload.ToArray()), Is.EqualTo("abc"), $"split at {cut}");
            });
            Assert.That(parser.TryRead(ref split, out var ping), Is.True);
            Assert.That(ping.Kind, Is.EqualTo(ServerOpKind.Ping));
        }
    }

    [Test]
    public void Parser_reads_several_operations_in_one_buffer()
    {
        var buffer = Sequence("PING\r\nPONG\r\n+OK\r\n-ERR 'Unknown Protocol Operation'\r\nINFO {\"server_id\":\"x\"}\r\n");
        var parser = new ProtocolParser();
        var kinds = new List<ServerOpKind>();
        var texts = new List<string>();
        while (parser.TryRead(ref buffer, out var op))
        {
            kinds.Add(op.Kind);
            texts.Add(Text(op.Text));
        }

        Assert.That(kinds, Is.EqualTo(new List<ServerOpKind> { ServerOpKind.Ping, ServerOpKind.Pong, ServerOpKind.Ok, ServerOpKind.Err, ServerOpKind.Info }));
        Assert.That(texts[3], Is.EqualTo("Unknown Protocol Operation"));
        Assert.That(texts[4], Is.EqualTo("{\"server_id\":\"x\"}"));
    }

    [Test]
    public void Parser_accepts_lower_case_operations_and_tabs()
    {
        var buffer = Sequence("msg\tfoo\t9\t2\r\nhi\r\nping\r\n");
        var parser = new ProtocolParser();

        Assert.That(parser.TryRead(ref buffer, out var msg), Is.True);
        Assert.That(parser.TryRead(ref buffer, out var ping), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(msg.Sid, Is.EqualTo(9));
            Assert.That(Text(msg.Subject), Is.EqualTo("foo"));
            Assert.That(ping.Kind, Is.EqualTo(ServerOpKind.Ping));
        });
    }

    [TestCase("MSG foo\r\n")]
    [TestCase("MSG foo x 3\r\nabc\r\n")]
    [TestCase("MSG foo 1 -3\r\n")]
    [TestCase("HMSG foo 1 10 5\r\n")]
    [TestCase("XYZ\r\n")]
    public void Parser_rejects_malformed_lines(string wire)
    {
        var buffer = Sequence(wire);
        var parser = new ProtocolParser();

        Assert.Throws<NatsProtocolException>(() => parser.TryRead(ref buffer, out _));
    }

    [Test]
    public void Parser_rejects_a_payload_not_followed_by_crlf()
    {
        var buffer = Sequence("MSG foo 1 3\r\nabcXY");
        var parser = new ProtocolParser();

        Assert.Throws<NatsProtocolException>(() => parser.TryRead(ref buffer, out _));
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.ASCII.GetString(bytes.Span);

    private static ReadOnlySequence<byte> Sequence(string text) => new(Encoding.ASCII.GetBytes(text));

    private static ReadOnlySequence<byte> TwoSegments(string text, int cut)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var first = new Segment(bytes.AsMemory(0, cut), 0);
        var second = first.Append(bytes.AsMemory(cut));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
