using System.Globalization;
using Sofia.Testing;
using Sofia.TickWriter.Bench;

// Usage: Sofia.TickWriter.Bench [rows]   (default 1,000,000). Figures on stdout, progress on stderr.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
await using var nats = await NatsServer.StartNewAsync(timeout.Token);
await using var clickHouse = await ClickHouseServer.StartNewAsync(timeout.Token);
await using var bench = new StoreBench(nats, clickHouse, rows);
await bench.RunAsync(timeout.Token);
