using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.EndToEndTests.Harness;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.Paper.Bench;

/// <summary>
/// One offered rate: a fresh nats-server, the signal hub and the paper OMS as processes, and ticks published onto
/// <c>ticks.binance.BTC-USDT</c> at <c>rate</c> per second with our receive time set at publish. The ticks' exchange
/// times run faster than the wall clock (<see cref="BarsPerSecond"/> one-second bars per wall second), so bars close
/// often. Measured on arrival at core subscriptions: tick → signal (the bar-closing tick's publish to the signal's
/// arrival) and tick → fill (the fill's <c>tick_receive_time_us</c> to its arrival), both through NATS; beside them
/// the baseline of the same closing ticks' own publish → subscriber trip, which is the machine's floor in the run.
/// </summary>
internal sealed class LatencyRun(string hubDll, string omsDll, int rate, int seconds, RuntimePauses benchPauses)
{
    private const int BarsPerSecond = 20;
    private const long BarUs = 1_000_000;
    private const string Exchange = "binance";
    private const string Symbol = "BTC-USDT";
    private const double WarmUpSeconds = 20;
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    private const string Plan = """
        bar_interval: 1s
        fusion: { threshold: 0.1 }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, params: { fast: 2, slow: 3 } }
              - { name: rsi_revert, params: { period: 2, lower: 45, upper: 55, exit: 50 } }
        """;

    private readonly ConcurrentDictionary<long, long> _closingTickPublishedUs = new();
    private readonly ConcurrentBag<(long ArrivedUs, long TickUs)> _fills = [];
    private readonly ConcurrentBag<(long ArrivedUs, long CloseUs)> _signals = [];
    private readonly ConcurrentBag<(long ArrivedUs, long ExchangeUs)> _closingTicks = [];
    private long _lastArrivalUs;

    /// <summary>Runs once; returns each measured latency's samples (milliseconds), in output order.</summary>
    public async Task<List<(string Name, List<double> Samples)>> RunAsync(CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("sofia-paper-bench-");
        try
        {
            return await RunInAsync(work.FullName, cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static long NowUs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReadyAsync(ChildProcess process, int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (!process.IsRunning)
            {
                throw new InvalidOperationException($"{process.Name} exited:\n{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{process.Name} was not ready:\n{process.Tail()}");
    }

    private async Task<List<(string Name, List<double> Samples)>> RunInAsync(string work, CancellationToken cancellationToken)
    {
        var planPath = Path.Combine(work, "strategies.yaml");
        await File.WriteAllTextAsync(planPath, Plan, cancellationToken);
        await using var nats = await NatsServer.StartNewAsync(cancellationToken);
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SOFIA_Nats__Url"] = nats.Url,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var hubPort = FreePort();
        var hubEnv = new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{hubPort}",
            ["SOFIA_SignalHub__StrategiesFile"] = planPath,
            ["SOFIA_SignalHub__TicksDeliverFrom"] = "All",
        };
        var omsPort = FreePort();
        var omsEnv = new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{omsPort}",
            ["SOFIA_PaperOms__ApiKey"] = "paper-bench-api-key-0123",
            ["SOFIA_PaperOms__StrategiesFile"] = planPath,
            // Risk limits that never stop trading, so every bar can rebalance: the figure is the path, not the rules.
            ["SOFIA_PaperOms__DailyLossLimit"] = "0",
            ["SOFIA_PaperOms__MaxDrawdown"] = "0",
            ["SOFIA_PaperOms__GateDrawdown"] = "0",
            ["SOFIA_PaperOms__GateLoss"] = "0",
            ["SOFIA_PaperOms__MaxPositionUsd"] = "0",
            ["SOFIA_PaperOms__MaxGrossLeverage"] = "0",
        };

        await using var hub = await ChildProcess.LaunchAsync("paper-bench-hub", Path.Combine(work, "hub.log"), cancellationToken);
        await using var oms = await ChildProcess.LaunchAsync("paper-bench-oms", Path.Combine(work, "oms.log"), cancellationToken);
        await hub.StartAsync(Path.GetDirectoryName(hubDll)!, hubEnv, ["dotnet", hubDll], cancellationToken);
        await oms.StartAsync(Path.GetDirectoryName(omsDll)!, omsEnv, ["dotnet", omsDll], cancellationToken);
        await WaitReadyAsync(hub, hubPort, cancellationToken);
        await WaitReadyAsync(oms, omsPort, cancellationToken);
        BenchFigure.Log($"rate {rate}/s: nats-server at {nats.Url}, signal hub and paper OMS ready");

        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [nats.Url], Name = "paper-bench-listener" }, cancellationToken);
        await using var fillSubscription = await connection.SubscribeAsync("fills.>", cancellationToken: cancellationToken);
        await using var signalSubscription = await connection.SubscribeAsync("signals.>", cancellationToken: cancellationToken);
        await using var tickSubscription = await connection.SubscribeAsync(Subjects.Ticks(Exchange, Symbol), cancellationToken: cancellationToken);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fillReader = ListenAsync(fillSubscription, (arrivedUs, data) => _fills.Add((arrivedUs, Fill.Parser.ParseFrom(data).TickReceiveTimeUs)), listening.Token);
        var signalReader = ListenAsync(signalSubscription, (arrivedUs, data) =>
        {
            var signal = Signal.Parser.ParseFrom(data);
            _signals.Add((arrivedUs, signal.BarTimeUs + (signal.BarIntervalSeconds * BarUs)));
        }, listening.Token);
        // The baseline: the same bar-closing ticks' own trip from publish to a subscriber, through the same server.
        var tickReader = ListenAsync(tickSubscription, (arrivedUs, data) =>
        {
            var tick = Tick.Parser.ParseFrom(data);
            if (_closingTickPublishedUs.ContainsKey(tick.ExchangeTimeUs))
            {
                _closingTicks.Add((arrivedUs, tick.ExchangeTimeUs));
            }
        }, listening.Token);

        var published = await PublishAsync(nats.Url, cancellationToken);
        await WaitQuietAsync(cancellationToken);
        await listening.CancelAsync();
        await Task.WhenAll(fillReader, signalReader, tickReader);
        return Report(published, hub, oms);
    }

    private async Task ListenAsync(NatsSubscription subscription, Action<long, byte[]> record, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                var arrivedUs = NowUs();
                Volatile.Write(ref _lastArrivalUs, arrivedUs);
                record(arrivedUs, message.Data.ToArray());
            }
        }
        catch (OperationCanceledException)
        {
            // Done listening.
        }
    }

    /// <summary>Publishes <c>rate × seconds</c> ticks paced by the wall clock; returns the achieved rate.</summary>
    private async Task<double> PublishAsync(string url, CancellationToken cancellationToken)
    {
        await using var bus = new NatsMessageBus(new NatsClientOptions { Url = url, Name = "paper-bench-ticks" });
        await bus.EnsureStreamAsync(Streams.Ticks, cancellationToken);
        await using var publisher = await bus.CreatePublisherAsync(8192, cancellationToken);
        var ticksPerBar = Math.Max(1, rate / BarsPerSecond);
        var stepUs = BarUs / ticksPerBar;
        var total = rate * seconds;
        var baseUs = NowUs() / BarUs * BarUs;
        var subject = Subjects.Ticks(Exchange, Symbol);
        // Acks complete roughly in order: only the outstanding ones are kept, so the bench itself (which also times the
        // arrivals) does not hold every tick's task and pay for it in garbage collections.
        var acks = new Queue<Task<BusPublishAck>>();
        var acknowledged = 0;
        var random = new Random(42);
        var started = DateTime.UtcNow;
        for (var i = 0; i < total; i++)
        {
            var wait = started + TimeSpan.FromSeconds((double)i / rate) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var bar = i / ticksPerBar;
            // A wave of a few bars plus noise: the SMAs cross and the RSI swings, so targets change bar after bar.
            var price = 100m + Math.Round((decimal)(2 * Math.Sin(bar * 2 * Math.PI / 5)) + (decimal)((random.NextDouble() - 0.5) * 0.2), 2);
            var exchangeUs = baseUs + (i * stepUs);
            var tradeId = i.ToString(CultureInfo.InvariantCulture);
            var receiveUs = NowUs();
            if (i % ticksPerBar == 0)
            {
                _closingTickPublishedUs[exchangeUs] = receiveUs;
            }

            var tick = new Tick
            {
                Exchange = Exchange,
                Symbol = Symbol,
                Price = DecimalValue.FromDecimal(price),
                Quantity = DecimalValue.FromDecimal(0.01m),
                AggressorSide = i % 2 == 0 ? Side.Buy : Side.Sell,
                TradeId = tradeId,
                ExchangeTimeUs = exchangeUs,
                ReceiveTimeUs = receiveUs,
            };
            var sending = publisher.PublishAsync(
                new BusEnvelope(subject, tick.ToByteArray(), $"{Exchange}:{Symbol}:{tradeId}", "sofia.v1.Tick"), cancellationToken);
            try
            {
                // A publisher that never finds room again fails the run instead of hanging it.
                acks.Enqueue(sending.IsCompleted ? sending.Result : await sending.AsTask().WaitAsync(Stall, cancellationToken));
            }
            catch (TimeoutException e)
            {
                throw new InvalidOperationException(
                    $"The tick publisher stalled for {Stall} after {i} of {total} ticks ({acknowledged} acknowledged).", e);
            }

            while (acks.TryPeek(out var oldest) && oldest.IsCompleted)
            {
                await acks.Dequeue();
                acknowledged++;
            }
        }

        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        await Task.WhenAll(acks).WaitAsync(Stall, cancellationToken);
        return total / elapsed;
    }

    /// <summary>Waits until no signal or fill has arrived for three seconds (at most two minutes).</summary>
    private async Task WaitQuietAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && NowUs() - Volatile.Read(ref _lastArrivalUs) < 3_000_000)
        {
            await Task.Delay(250, cancellationToken);
        }
    }

    private List<(string Name, List<double> Samples)> Report(double published, ChildProcess hub, ChildProcess oms)
    {
        var firstBar = _closingTickPublishedUs.Keys.DefaultIfEmpty(0).Min();
        var warmUpUntil = firstBar + (long)(WarmUpSeconds * BarsPerSecond * BarUs);
        var toSignal = _signals
            .Where(s => s.CloseUs >= warmUpUntil && _closingTickPublishedUs.ContainsKey(s.CloseUs))
            .Select(s => (s.ArrivedUs - _closingTickPublishedUs[s.CloseUs]) / 1000.0)
            .ToList();
        var firstMeasuredPublishUs = _closingTickPublishedUs.TryGetValue(warmUpUntil, out var t) ? t : long.MinValue;
        var toFill = _fills.Where(f => f.TickUs >= firstMeasuredPublishUs).Select(f => (f.ArrivedUs - f.TickUs) / 1000.0).ToList();
        var hop = _closingTicks
            .Where(c => c.ExchangeUs >= warmUpUntil)
            .Select(c => (c.ArrivedUs - _closingTickPublishedUs[c.ExchangeUs]) / 1000.0)
            .ToList();
        BenchFigure.Log(string.Create(CultureInfo.InvariantCulture,
            $"rate {rate}/s offered, {published:0} published/s; {_signals.Count} signals, {_fills.Count} fills ({toSignal.Count} and {toFill.Count} after warm-up); "
            + $"tick→fill p50 {BenchOutput.Percentile(toFill, 0.50):0.00} ms, p99 {BenchOutput.Percentile(toFill, 0.99):0.00} ms"));
        if (toFill.Count < 100)
        {
            BenchFigure.Log($"few fills measured; hub log:\n{hub.Tail(2000)}\noms log:\n{oms.Tail(2000)}");
        }

        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1")
        {
            var t0 = _closingTickPublishedUs.Values.Min();
            BenchFigure.Log($"DEBUG t0 {DateTime.UnixEpoch.AddTicks(t0 * 10):O}");
            foreach (var (startUs, pauseMs) in benchPauses.Since(t0).Where(p => p.Milliseconds > 0.5))
            {
                BenchFigure.Log($"DEBUG bench's own runtime pause at {(startUs - t0) / 1000.0:F1} ms: {pauseMs:F2} ms");
            }

            foreach (var c in _closingTicks.Where(c => (c.ArrivedUs - _closingTickPublishedUs[c.ExchangeUs]) > 2000).OrderBy(c => c.ArrivedUs))
            {
                BenchFigure.Log($"DEBUG hop at {(_closingTickPublishedUs[c.ExchangeUs] - t0) / 1000.0:F1} ms: {(c.ArrivedUs - _closingTickPublishedUs[c.ExchangeUs]) / 1000.0:F2} ms");
            }

            var closeByPublish = _closingTickPublishedUs.ToDictionary(p => p.Value, p => p.Key);
            foreach (var f in _fills.Where(f => f.ArrivedUs - f.TickUs > 4000).OrderBy(f => f.ArrivedUs))
            {
                var close = closeByPublish.GetValueOrDefault(f.TickUs);
                var signals = string.Join(", ", _signals.Where(s => s.CloseUs == close).Select(s => $"{(s.ArrivedUs - f.TickUs) / 1000.0:F2}").Order());
                BenchFigure.Log($"DEBUG fill at {(f.TickUs - t0) / 1000.0:F1} ms: {(f.ArrivedUs - f.TickUs) / 1000.0:F2} ms (signals of its bar at {signals} ms)");
            }
        }

        return [("tick_publish_to_subscriber", hop), ("tick_to_signal", toSignal), ("tick_to_fill", toFill)];
    }
}
