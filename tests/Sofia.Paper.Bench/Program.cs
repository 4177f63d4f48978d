using System.Globalization;
using Sofia.Paper.Bench;
using Sofia.Testing;

// Usage: Sofia.Paper.Bench HUB_DLL OMS_DLL [seconds per run = 60] [rates = 1000,10000] [runs = 3].
// Each run has a fresh nats-server and services; each percentile is over the samples of all runs pooled (a p99 of a
// few hundred samples per run would rest on two or three of them). Figures on stdout, logs on stderr.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Sofia.Paper.Bench HUB_DLL OMS_DLL [seconds] [rates] [runs]");
    return 2;
}

var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var rates = args.Length > 3 ? args[3].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000];
var runs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
if (!TransparentHugePages.DisableForChildren())
{
    BenchFigure.Log("transparent huge pages stay on for nats-server: expect stalls of 9-18 ms where the heap grows");
}

using var benchPauses = new RuntimePauses();
// Each run takes its seconds plus start-up and drain; a hung run fails the bench instead of hanging it.
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(600 + (2 * seconds * runs * rates.Length)));
foreach (var rate in rates)
{
    var results = new List<List<(string Name, List<double> Samples)>>();
    for (var run = 0; run < runs; run++)
    {
        results.Add(await new LatencyRun(Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), rate, seconds, benchPauses).RunAsync(timeout.Token));
    }

    for (var i = 0; i < results[0].Count; i++)
    {
        var figure = i;
        var pooled = results.SelectMany(r => r[figure].Samples).ToList();
        BenchFigure.Print($"{results[0][i].Name}_p50_ms", BenchOutput.Percentile(pooled, 0.50), "ms", rate, pooled.Count, runs);
        BenchFigure.Print($"{results[0][i].Name}_p99_ms", BenchOutput.Percentile(pooled, 0.99), "ms", rate, pooled.Count, runs);
        BenchFigure.Print($"{results[0][i].Name}_max_ms", pooled.DefaultIfEmpty(double.NaN).Max(), "ms", rate, pooled.Count, runs);
    }
}

return 0;
