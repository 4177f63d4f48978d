using System.Buffers;
using System.Text;
using Sofia.Nats.Internal;

namespace Sofia.Nats.Tests.Internal;

/// <summary>Received messages own their bytes, and a consumed message costs little more than them.</summary>
public sealed class MessageFactoryTests
{
    private const string Reply = "$JS.ACK.TICKS.writer.1.2.3.1700000000000000000.5";

    [TestCase(16)]
    [TestCase(0)]
    [TestCase(40_000)]
    public void Message_keeps_payload_and_reply_subject_after_the_read_buffer_is_reused(int payloadLength)
    {
        var payload = Enumerable.Range(0, payloadLength).Select(i => (byte)i).ToArray();
        var wire = Wire(payload);
        var parser = new ProtocolParser();
        var buffer = new ReadOnlySequence<byte>(wire);
        Assert.That(parser.TryRead(ref buffer, out var op), Is.True);

        var msg = MessageFactory.Create(op, "ticks.binance.BTC-USDT", null, new MessageArena());
        Array.Clear(wire);

        Assert.Multiple(() =>
        {
            Assert.That(msg.Data.ToArray(), Is.EqualTo(payload));
            Assert.That(msg.ReplyTo, Is.EqualTo(Reply));
            Assert.That(msg.HasReplyTo, Is.True);
        });
    }

    [Test]
    public void Message_without_reply_subject_has_null_reply_to()
    {
        var wire = Encoding.ASCII.GetBytes("MSG a.b 1 4\r\nabcd\r\n");
        var buffer = new ReadOnlySequence<byte>(wire);
        Assert.That(new ProtocolParser().TryRead(ref buffer, out var op), Is.True);

        var msg = MessageFactory.Create(op, "a.b", null, new MessageArena());

        Assert.Multiple(() =>
        {
            Assert.That(msg.ReplyTo, Is.Null);
            Assert.That(msg.HasReplyTo, Is.False);
            Assert.That(Encoding.ASCII.GetString(msg.Data.Span), Is.EqualTo("abcd"));
        });
    }

    [Test]
    public void Consumed_messages_allocate_about_their_payload_and_reply_bytes()
    {
        const int count = 1_000;
        var wire = Wire(new byte[128]);
        var parser = new ProtocolParser();
        var arena = new MessageArena();
        var kept = new NatsMsg[count];
        Create(parser, wire, arena, kept);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Create(parser, wire, arena, kept);
        var perMessage = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / count;

        Assert.That(perMessage, Is.LessThan(128 + Reply.Length + 8));
    }

    private static void Create(ProtocolParser parser, byte[] wire, MessageArena arena, NatsMsg[] kept)
    {
        for (var i = 0; i < kept.Length; i++)
        {
            var buffer = new ReadOnlySequence<byte>(wire);
            parser.TryRead(ref buffer, out var op);
            kept[i] = MessageFactory.Create(op, "ticks.binance.BTC-USDT", null, arena);
        }
    }

    private static byte[] Wire(byte[] payload)
    {
        var head = Encoding.ASCII.GetBytes($"MSG ticks.binance.BTC-USDT 1 {Reply} {payload.Length}\r\n");
        return [.. head, .. payload, .. "\r\n"u8];
    }
}
