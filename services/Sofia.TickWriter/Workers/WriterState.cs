using System.Runtime.CompilerServices;
using Sofia.Messaging;

namespace Sofia.TickWriter.Workers;

/// <summary>What readiness and the gauges report: whether the writer consumes, the bus is connected and storage takes inserts.</summary>
internal sealed class WriterState
{
    private volatile IMessageBus? _bus;
    private volatile StrongBox<BusConsumerState>? _consumer;
    private volatile bool _consuming;
    private volatile bool _storageWritable = true;
    private volatile string _problem = "starting";

    public BusConsumerState? Consumer => _consumer?.Value;

    public bool StorageWritable => _storageWritable;

    /// <summary>Null when ready, else why not.</summary>
    public string? NotReadyReason
    {
        get
        {
            if (!_consuming)
            {
                return _problem;
            }

            if (!_storageWritable)
            {
                return "storage does not accept inserts; retrying";
            }

            return _bus is { IsConnected: false } ? "the message bus is disconnected" : null;
        }
    }

    public void Consuming(IMessageBus bus)
    {
        _bus = bus;
        _consuming = true;
    }

    public void Stopped(string problem)
    {
        _problem = problem;
        _consuming = false;
        _bus = null;
    }

    public void StorageFailing() => _storageWritable = false;

    public void StorageRecovered() => _storageWritable = true;

    public void ConsumerRead(BusConsumerState state) => _consumer = new StrongBox<BusConsumerState>(state);
}
