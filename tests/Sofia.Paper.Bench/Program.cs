using System.Globalization;
using Sofia.Paper.Bench;

// Usage: Sofia.Paper.Bench HUB_DLL OMS_DLL [seconds per run = 20] [rates = 1000,10000] [runs = 3].
// Each figure is the median over the runs (fresh nats-server and services each run). Figures on stdout, logs on stderr.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Sofia.Paper.Bench HUB_DLL OMS_DLL [seconds] [rates]");
    return 2;
}

var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var rates = args.Length > 3 ? args[3].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000];
var runs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
foreach (var rate in rates)
{
    var results = new List<List<(string Metric, double Value, int Samples)>>();
    for (var run = 0; run < runs; run++)
    {
        results.Add(await new LatencyRun(Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), rate, seconds).RunAsync(timeout.Token));
    }

    for (var i = 0; i < results[0].Count; i++)
    {
        var figure = i;
        var values = results.Select(r => r[figure].Value).ToList();
        BenchFigure.Print(results[0][i].Metric, BenchFigure.Percentile(values, 0.5), "ms", rate, results.Sum(r => r[figure].Samples), runs);
    }
}

return 0;
