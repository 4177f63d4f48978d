using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Workers;

namespace Sofia.PaperOms.Tests.Service;

/// <summary>
/// The order records are sent and inputs acknowledged in, with the stores completed by hand: the publish function
/// hands out one pending ack per record and remembers what was sent.
/// </summary>
[TestFixture]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class PaperRecordPipelineTests
{
    private static readonly string[] Checkpoint = ["orders.checkpoint.trend.BTC-USDT"];
    private static readonly string[] CheckpointThenIntent = ["orders.checkpoint.trend.BTC-USDT", "orders.intent.trend.BTC-USDT"];
    private static readonly string[] Trip = ["daily_loss_limit"];
    private static readonly string[] Tick1 = ["tick-1"];
    private readonly List<(string Subject, TaskCompletionSource<BusPublishAck> Ack)> _sent = [];
    private readonly List<string> _acked = [];
    private readonly List<string> _trips = [];

    [Test]
    public async Task Records_of_every_input_go_out_at_once_in_engine_order_and_inputs_are_acknowledged_in_arrival_order()
    {
        var pipeline = NewPipeline();
        pipeline.Add(Input("signal-a"), [Record("orders.intent.trend.BTC-USDT"), Record("fills.trend.BTC-USDT"), Record("orders.event.trend.BTC-USDT")]);
        pipeline.Add(Input("tick-1"), []);
        pipeline.Add(Input("signal-b"), [Record("orders.intent.rsi.BTC-USDT"), Record("fills.rsi.BTC-USDT")]);
        await pipeline.PumpAsync(CancellationToken.None);

        string[] engineOrder = ["orders.intent.trend.BTC-USDT", "fills.trend.BTC-USDT", "orders.event.trend.BTC-USDT", "orders.intent.rsi.BTC-USDT", "fills.rsi.BTC-USDT"];
        Assert.That(Sent(), Is.EqualTo(engineOrder));
        Assert.That(_acked, Is.Empty);

        // Signal b's records stored first: nothing is acknowledged while signal a's are not.
        Store(3);
        Store(4);
        await pipeline.PumpAsync(CancellationToken.None);
        Assert.That(_acked, Is.Empty);

        Store(0);
        Store(1);
        await pipeline.PumpAsync(CancellationToken.None);
        Assert.That(_acked, Is.Empty);

        Store(2);
        await pipeline.Progress.WaitAsync(TimeSpan.FromSeconds(10));
        await pipeline.PumpAsync(CancellationToken.None);
        string[] arrival = ["signal-a", "tick-1", "signal-b"];
        Assert.That(_acked, Is.EqualTo(arrival));
        Assert.That(pipeline.IsEmpty, Is.True);
    }

    [Test]
    public async Task A_kill_switch_trip_waits_for_the_records_before_it_and_holds_back_those_after_it()
    {
        var pipeline = NewPipeline();
        pipeline.Add(Input("tick-1"), [Record("orders.checkpoint.trend.BTC-USDT"), new PaperOutput(string.Empty, string.Empty, null, "daily_loss_limit"), Record("orders.intent.trend.BTC-USDT")]);
        await pipeline.PumpAsync(CancellationToken.None);
        Assert.That(Sent(), Is.EqualTo(Checkpoint));
        Assert.That(_trips, Is.Empty);

        Store(0);
        await pipeline.PumpAsync(CancellationToken.None);
        Assert.That(_trips, Is.EqualTo(Trip));
        Assert.That(Sent(), Is.EqualTo(CheckpointThenIntent));

        Store(1);
        await pipeline.PumpAsync(CancellationToken.None);
        Assert.That(_acked, Is.EqualTo(Tick1));
    }

    [Test]
    public async Task A_failed_store_stores_every_outstanding_record_again_in_order_before_the_failure_is_reported()
    {
        var pipeline = NewPipeline();
        pipeline.Add(Input("signal-a"), [Record("orders.intent.trend.BTC-USDT"), Record("fills.trend.BTC-USDT"), Record("orders.event.trend.BTC-USDT")]);
        await pipeline.PumpAsync(CancellationToken.None);
        // The server restarted: it kept the fill and lost the intent before it, and the last record is still in flight.
        _sent[0].Ack.SetException(new TimeoutException("no ack"));
        Store(1);

        var pumping = pipeline.PumpAsync(CancellationToken.None).AsTask();
        await WaitSentAsync(4);
        Assert.That(_sent[3].Subject, Is.EqualTo("orders.intent.trend.BTC-USDT"), "the lost intent is sent again first");
        Store(3);
        _sent[2].Ack.SetException(new TimeoutException("no ack"));
        await WaitSentAsync(5);
        Assert.That(_sent[4].Subject, Is.EqualTo("orders.event.trend.BTC-USDT"), "then the next record that was not stored; the stored fill is not sent again");
        Assert.That(pumping.IsCompleted, Is.False);
        Store(4);

        Assert.ThrowsAsync<TimeoutException>(() => pumping);
        Assert.That(_acked, Is.Empty, "the input comes again after the rebuild");
    }

    private RecordedInput Input(string name) => new RecordedInput(name, _acked);

    private static PaperOutput Record(string subject) =>
        new(subject, subject, new PaperSignalHandled { SignalId = subject });

    private PaperRecordPipeline NewPipeline() => new(
        (envelope, _) =>
        {
            var ack = new TaskCompletionSource<BusPublishAck>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sent)
            {
                _sent.Add((envelope.Subject, ack));
            }

            return new ValueTask<BusPublishAck>(ack.Task);
        },
        (reason, _) =>
        {
            _trips.Add(reason);
            return Task.CompletedTask;
        },
        (_, _) => { },
        TimeProvider.System);

    private List<string> Sent()
    {
        lock (_sent)
        {
            return [.. _sent.Select(s => s.Subject)];
        }
    }

    private void Store(int index) => _sent[index].Ack.SetResult(new BusPublishAck("ORDERS", (ulong)index + 1, false));

    private async Task WaitSentAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            lock (_sent)
            {
                if (_sent.Count >= count)
                {
                    return;
                }
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"fewer than {count} records were sent");
            await Task.Delay(5);
        }
    }
}
