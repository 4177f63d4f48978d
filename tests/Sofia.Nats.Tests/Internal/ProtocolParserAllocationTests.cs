using System.Buffers;
using System.Text;
using Sofia.Nats.Internal;

namespace Sofia.Nats.Tests.Internal;

/// <summary>The hot path's allocation budget: parsing MSG and HMSG allocates nothing.</summary>
public sealed class ProtocolParserAllocationTests
{
    [Test]
    public void Parsing_messages_allocates_nothing()
    {
        var wire = new StringBuilder();
        for (var i = 0; i < 1_000; i++)
        {
            wire.Append("MSG ticks.binance.BTC-USDT 1 $JS.ACK.TICKS.w.1.2.3.4.5 16\r\n0123456789abcdef\r\n");
            wire.Append("HMSG ticks.okx.BTC-USDT 2 22 26\r\nNATS/1.0\r\nK: value\r\n\r\nabcd\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(wire.ToString());
        var parser = new ProtocolParser();
        Parse(parser, bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = Parse(parser, bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(2_000));
            Assert.That(allocated, Is.Zero);
        });
    }

    private static int Parse(ProtocolParser parser, byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var count = 0;
        while (parser.TryRead(ref buffer, out var op))
        {
            count += op.Kind is ServerOpKind.Msg or ServerOpKind.HMsg ? 1 : 0;
        }

        return count;
    }
}
