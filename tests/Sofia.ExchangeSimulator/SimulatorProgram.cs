using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator;

/// <summary>
/// The runnable entry behind <c>sofia simulate-exchange</c>. Options: <c>--port N</c> (default 0 = a free port),
/// <c>--seed N</c> (1), <c>--symbols BTC-USDT,ETH-USDT</c>, <c>--tps N</c> (100, total trades per second),
/// <c>--exchanges binance,bybit,okx,coinbase</c> (all), <c>--history N</c> (100000 trades kept per symbol),
/// <c>--speed X</c> (1; the clock runs X times faster). Prints one JSON line with the addresses on stdout, logs
/// to stderr, and runs until cancelled. Returns 0, or 2 for bad arguments.
/// </summary>
public static class SimulatorProgram
{
    /// <summary>Runs the simulator until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        RunAsync(args, Console.Out, Console.Error, null, cancellationToken);

    internal static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Action<ExchangeSimulatorServer>? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var options, out var speed, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(
                "usage: simulate-exchange [--port N] [--seed N] [--symbols BTC-USDT,ETH-USDT] [--tps N] [--exchanges binance,bybit,okx,coinbase] [--history N] [--speed X]");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(b => b
            .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(c => c.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning));
        var clock = speed == 1 ? TimeProvider.System : new ScaledTimeProvider(speed);
        await using var server = await ExchangeSimulatorServer.StartAsync(options, clock, loggerFactory, cancellationToken);
        var addresses = new Dictionary<string, string> { ["rest"] = server.BaseUri.ToString() };
        foreach (var exchange in server.Exchanges)
        {
            addresses[exchange] = server.WebSocketUri(exchange).ToString();
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(addresses));
        await output.FlushAsync(cancellationToken);
        started?.Invoke(server);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    internal static bool TryParse(string[] args, out ExchangeSimulatorOptions parsed, out double parsedSpeed, out string problem)
    {
        var options = new ExchangeSimulatorOptions();
        var speed = 1.0;
        parsed = options;
        parsedSpeed = speed;
        problem = string.Empty;
        var market = options.Market;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"{args[i]} needs a value.";
                return false;
            }

            var value = args[++i];
            var ok = args[i - 1] switch
            {
                "--port" => Int(value, 0, 65535, v => options = options with { Port = v }),
                "--seed" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) && Set(() => market = market with { Seed = seed }),
                "--tps" => Double(value, v => market = market with { TradesPerSecond = v }),
                "--speed" => Double(value, v => speed = v) && speed > 0,
                "--history" => Int(value, 1, 100_000_000, v => options = options with { HistoryCapacity = v }),
                "--symbols" => Try(() => market = market with { Symbols = [.. Split(value).Select(SymbolSpec.Default)] }),
                "--exchanges" => Set(() => options = options with { Exchanges = [.. Split(value).Select(e => e.ToLowerInvariant())] }),
                _ => false,
            };
            if (!ok)
            {
                problem = $"Bad option {args[i - 1]} {value}.";
                return false;
            }
        }

        parsed = options = options with { Market = market };
        parsedSpeed = speed;
        if (options.Exchanges.Except([ExchangeSimulatorServer.Binance, ExchangeSimulatorServer.Bybit, ExchangeSimulatorServer.Okx, ExchangeSimulatorServer.Coinbase]).Any()
            || market.Symbols.Count == 0)
        {
            problem = "Exchanges are binance, bybit, okx and coinbase; at least one symbol is needed.";
            return false;
        }

        return true;
    }

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Set(Action action)
    {
        action();
        return true;
    }

    private static bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Int(string value, int min, int max, Action<int> set)
    {
        var ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max;
        return ok && Set(() => set(v));
    }

    private static bool Double(string value, Action<double> set)
    {
        var ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v);
        return ok && Set(() => set(v));
    }
}
