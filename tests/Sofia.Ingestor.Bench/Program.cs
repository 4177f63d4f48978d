using System.Globalization;
using Sofia.Ingestor.Bench;
using Sofia.Testing;

// Usage: Sofia.Ingestor.Bench [seconds] [trades/s]   (default 60 s at 100,000 trades/s; latency at 10,000 trades/s).
// SOFIA_BENCH_LATENCY_TPS, SOFIA_BENCH_LATENCY_SECONDS change the latency phase. Figures on stdout, progress on stderr.
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
await using var nats = await NatsServer.StartNewAsync(timeout.Token);
var bench = new IngestBench(nats);
await bench.MeasureLatencyAsync(BenchFigure.Setting("SOFIA_BENCH_LATENCY_TPS", 10_000), TimeSpan.FromSeconds(BenchFigure.Setting("SOFIA_BENCH_LATENCY_SECONDS", 20)), timeout.Token);
var lossless = await bench.MeasureThroughputAsync(rate, TimeSpan.FromSeconds(seconds), timeout.Token);
return lossless ? 0 : 1;
