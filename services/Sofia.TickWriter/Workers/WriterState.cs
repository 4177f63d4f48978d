using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.TickWriter.Workers;

/// <summary>What readiness and the gauges report: whether the writer consumes, whether ClickHouse takes inserts.</summary>
internal sealed class WriterState
{
    private volatile NatsConnection? _connection;
    private volatile ConsumerInfo? _consumer;
    private volatile bool _consuming;
    private volatile bool _storageWritable = true;
    private volatile string _problem = "starting";

    public ConsumerInfo? Consumer => _consumer;

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
                return "ClickHouse does not accept inserts; retrying";
            }

            return _connection is { State: not NatsConnectionState.Connected } ? "NATS is disconnected" : null;
        }
    }

    public void Consuming(NatsConnection connection)
    {
        _connection = connection;
        _consuming = true;
    }

    public void Stopped(string problem)
    {
        _problem = problem;
        _consuming = false;
        _connection = null;
    }

    public void StorageFailing() => _storageWritable = false;

    public void StorageRecovered() => _storageWritable = true;

    public void ConsumerRead(ConsumerInfo info) => _consumer = info;
}
