using Sofia.Contracts.V1;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Testing;
using Sofia.TickWriter.Domain;

namespace Sofia.TickWriter.Tests.Servers;

/// <summary>The tick writer against a real nats-server and clickhouse-server: exact counts and candles, through faults.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TickWriterServerTests
{
    private NatsServer _nats = null!;
    private ClickHouseServer _clickHouse = null!;

    [OneTimeSetUp]
    public async Task StartServersAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _nats = await NatsServer.StartNewAsync(timeout.Token);
        _clickHouse = await ClickHouseServer.StartNewAsync(timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        await _clickHouse.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Every_tick_is_stored_once_and_every_candle_equals_an_independent_calculation(CancellationToken cancellationToken)
    {
        await using var harness = new TickWriterHarness(_nats, _clickHouse);
        var ticks = TickBook.Generate(20_000, seed: 1);
        await harness.StartWorkerAsync(cancellationToken);

        await harness.PublishAsync(ticks, cancellationToken);
        await harness.WaitUntilStoredAsync(ticks.Count, cancellationToken);

        Assert.That(await harness.DistinctTicksAsync(cancellationToken), Is.EqualTo((ulong)ticks.Count));
        await AssertCandlesExactAsync(harness, ticks, cancellationToken);
        Assert.That(harness.State.NotReadyReason, Is.Null);
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(180_000)]
    public async Task A_crash_between_insert_and_ack_changes_no_count_or_candle(CancellationToken cancellationToken)
    {
        await using var harness = new TickWriterHarness(_nats, _clickHouse);
        var ticks = TickBook.Generate(15_000, seed: 2);
        await harness.PublishAsync(ticks, cancellationToken);
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = 0;

        // The third batch is stored, then the writer hangs before acknowledging and is stopped: a crash
        // between insert and ack. Everything it held unacknowledged is redelivered to the next writer.
        var first = await harness.StartWorkerAsync(cancellationToken, async (_, token) =>
        {
            if (Interlocked.Increment(ref batches) == 3)
            {
                crashed.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            }
        });
        await crashed.Task.WaitAsync(cancellationToken);
        await first.StopAsync(cancellationToken);
        var stored = await harness.DistinctTicksAsync(cancellationToken);

        await harness.StartWorkerAsync(cancellationToken);
        await harness.WaitUntilStoredAsync(ticks.Count, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(stored, Is.GreaterThan(0).And.LessThan((ulong)ticks.Count));
            Assert.That(await harness.RowsSeenByCandleViewAsync(cancellationToken), Is.GreaterThan((ulong)ticks.Count), "the redelivered batch was inserted a second time");
            Assert.That(await harness.DistinctTicksAsync(cancellationToken), Is.EqualTo((ulong)ticks.Count));
        });
        await AssertCandlesExactAsync(harness, ticks, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Stopping_stores_and_acknowledges_what_was_decoded(CancellationToken cancellationToken)
    {
        await using var harness = new TickWriterHarness(_nats, _clickHouse);
        var ticks = TickBook.Generate(30_000, seed: 7);
        await harness.PublishAsync(ticks, cancellationToken);
        var worker = await harness.StartWorkerAsync(cancellationToken);
        while (await harness.StoredSoFarAsync(cancellationToken) == 0)
        {
            await Task.Delay(20, cancellationToken);
        }

        await worker.StopAsync(cancellationToken);

        // Stored rows are a prefix of the stream (one writer, no redelivery): all of them, and only
        // them, are acknowledged, so the next writer neither repeats nor misses any. Acks go without
        // confirmation, so the server's ack floor may take a moment to reach the last one.
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [_nats.Url] }, cancellationToken);
        var js = new NatsJsContext(connection);
        var stored = await harness.DistinctTicksAsync(cancellationToken);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        ulong ackFloor;
        while ((ackFloor = (await js.GetConsumerInfoAsync(harness.Source.Stream.Name, harness.Source.Durable, cancellationToken)).AckFloor.StreamSeq) < stored
            && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        Assert.That(ackFloor, Is.EqualTo(stored));
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(180_000)]
    public async Task A_ten_second_clickhouse_outage_is_survived_with_exact_counts_and_not_ready_meanwhile(CancellationToken cancellationToken)
    {
        await using var harness = new TickWriterHarness(_nats, _clickHouse);
        var ticks = TickBook.Generate(12_000, seed: 3);
        await harness.StartWorkerAsync(cancellationToken);
        await harness.PublishAsync(ticks.Take(2_000), cancellationToken);
        await harness.WaitUntilStoredAsync(2_000, cancellationToken);

        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publisher = PublishSlowlyAsync(harness, ticks.Skip(2_000).ToList(), publishing.Token);
        await _clickHouse.StopAsync(cancellationToken);
        var notReadySeen = false;
        var outage = DateTimeOffset.UtcNow.AddSeconds(10);
        while (DateTimeOffset.UtcNow < outage)
        {
            notReadySeen |= harness.State.NotReadyReason is not null;
            await Task.Delay(100, cancellationToken);
        }

        await _clickHouse.StartAsync(cancellationToken);
        await publisher;
        await harness.WaitUntilStoredAsync(ticks.Count, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(notReadySeen, Is.True, "readiness went not-ready while ClickHouse was down");
            Assert.That(harness.State.NotReadyReason, Is.Null, "ready again");
            // The outage is longer than the 4 s ack wait: only the in-progress acks kept the held messages from coming back.
            Assert.That(await harness.RowsSeenByCandleViewAsync(cancellationToken), Is.EqualTo((ulong)ticks.Count), "nothing was redelivered while retrying");
            Assert.That(await harness.DistinctTicksAsync(cancellationToken), Is.EqualTo((ulong)ticks.Count));
        });
        await AssertCandlesExactAsync(harness, ticks, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_same_ticks_published_twice_are_counted_once(CancellationToken cancellationToken)
    {
        await using var harness = new TickWriterHarness(_nats, _clickHouse);
        var ticks = TickBook.Generate(5_000, seed: 4);
        await harness.StartWorkerAsync(cancellationToken);

        await harness.PublishAsync(ticks, cancellationToken);
        await harness.PublishAsync(ticks.Take(3_000), cancellationToken, msgIdSuffix: ":again");
        await harness.WaitUntilStoredAsync(ticks.Count, cancellationToken);
        await harness.WaitUntilStoredAsync(ticks.Count, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(await harness.RowsSeenByCandleViewAsync(cancellationToken), Is.EqualTo((ulong)(ticks.Count + 3_000)), "both copies reached ClickHouse");
            Assert.That(await harness.DistinctTicksAsync(cancellationToken), Is.EqualTo((ulong)ticks.Count));
        });
        await AssertCandlesExactAsync(harness, ticks, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_poison_message_is_dead_lettered_with_its_reason_and_the_consumer_goes_on(CancellationToken cancellationToken)
    {
        await using var harness = new TickWriterHarness(_nats, _clickHouse);
        var ticks = TickBook.Generate(1_000, seed: 5);
        await harness.StartWorkerAsync(cancellationToken);

        await harness.PublishAsync(ticks.Take(500), cancellationToken);
        var poison = TickDecoderTestsAccess.TickWithoutPrice();
        await harness.PublishRawAsync($"{harness.Prefix}.ticks.binance.BTC-USDT", poison, cancellationToken);
        await harness.PublishAsync(ticks.Skip(500), cancellationToken);
        await harness.WaitUntilStoredAsync(ticks.Count, cancellationToken);

        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [_nats.Url] }, cancellationToken);
        var js = new NatsJsContext(connection);
        var replay = js.CreateOrderedConsumer(Sofia.Contracts.Streams.DeadLetters.Name, new NatsJsOrderedConsumerOptions { FilterSubject = harness.Source.DeadLetterSubject });
        NatsJsMsg deadLetter = default;
        await foreach (var msg in replay.ConsumeAsync(cancellationToken))
        {
            deadLetter = msg;
            break;
        }

        Assert.Multiple(async () =>
        {
            Assert.That(deadLetter.Data.ToArray(), Is.EqualTo(poison));
            Assert.That(deadLetter.Headers?[BusHeaders.DeadLetterReason], Is.EqualTo("price is missing"));
            Assert.That(deadLetter.Headers?[BusHeaders.DeadLetterStream], Is.EqualTo(harness.Source.Stream.Name));
            Assert.That(await harness.DistinctTicksAsync(cancellationToken), Is.EqualTo((ulong)ticks.Count));
        });
    }

    private static async Task PublishSlowlyAsync(TickWriterHarness harness, List<Tick> ticks, CancellationToken cancellationToken)
    {
        // About 20 s of publishing at 500 ticks/s, so ticks keep arriving before, during and after the outage.
        for (var i = 0; i < ticks.Count; i += 250)
        {
            await harness.PublishAsync(ticks.Skip(i).Take(250), cancellationToken);
            await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task AssertCandlesExactAsync(TickWriterHarness harness, List<Tick> ticks, CancellationToken cancellationToken)
    {
        foreach (var exchange in TickBook.Exchanges)
        {
            foreach (var symbol in TickBook.Markets)
            {
                foreach (var interval in CandleInterval.All)
                {
                    var ok = CandleQuery.TryParse(exchange, symbol, interval.Name, "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", out var query, out _);
                    Assert.That(ok, Is.True);
                    var actual = await harness.Store.ReadCandlesAsync(query!.Exchange, query.Symbol, query.Interval, query.From, query.To, cancellationToken);
                    var expected = ExpectedCandles.Compute(ticks, exchange, symbol, interval.Seconds);
                    Assert.That(actual, Is.EqualTo(expected), $"{exchange} {symbol} {interval.Name}");
                }
            }
        }
    }
}
