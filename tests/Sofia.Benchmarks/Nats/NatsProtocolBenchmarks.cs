using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sofia.Nats;
using Sofia.Nats.Internal;

namespace Sofia.Benchmarks.Nats;

/// <summary>The NATS client's hot paths: parsing deliveries and formatting publishes allocate nothing.</summary>
[MemoryDiagnoser]
public class NatsProtocolBenchmarks
{
    private const int Messages = 1_000;
    private readonly ProtocolParser _parser = new();
    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private readonly byte[] _payload = new byte[128];
    private readonly NatsHeaders _headers = new NatsHeaders().Add("Nats-Msg-Id", "binance:BTC-USDT:123456");
    private byte[] _wire = [];

    [GlobalSetup]
    public void Setup()
    {
        var wire = new StringBuilder();
        var payload = new string('x', 128);
        for (var i = 0; i < Messages; i++)
        {
            wire.Append("MSG ticks.binance.BTC-USDT 1 $JS.ACK.TICKS.writer.1.2.3.1700000000000000000.5 128\r\n").Append(payload).Append("\r\n");
        }

        _wire = Encoding.ASCII.GetBytes(wire.ToString());
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Parse_msg()
    {
        var buffer = new ReadOnlySequence<byte>(_wire);
        var count = 0;
        while (_parser.TryRead(ref buffer, out var op))
        {
            count += op.HeaderLength;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Write_pub()
    {
        _output.ResetWrittenCount();
        for (var i = 0; i < Messages; i++)
        {
            ProtocolWriter.WritePublish(_output, "ticks.binance.BTC-USDT", null, null, _payload);
        }

        return _output.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Write_hpub_with_msg_id()
    {
        _output.ResetWrittenCount();
        for (var i = 0; i < Messages; i++)
        {
            ProtocolWriter.WritePublish(_output, "ticks.binance.BTC-USDT", "_INBOX.abc.1", _headers, _payload);
        }

        return _output.WrittenCount;
    }
}
