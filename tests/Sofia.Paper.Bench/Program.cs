using System.Globalization;
using Sofia.Paper.Bench;

// Usage: Sofia.Paper.Bench HUB_DLL OMS_DLL [seconds per rate = 20] [rates = 1000,10000]. Figures on stdout, logs on stderr.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Sofia.Paper.Bench HUB_DLL OMS_DLL [seconds] [rates]");
    return 2;
}

var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var rates = args.Length > 3 ? args[3].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000];
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
foreach (var rate in rates)
{
    await new LatencyRun(Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), rate, seconds).RunAsync(timeout.Token);
}

return 0;
