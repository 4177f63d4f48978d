using System.CommandLine;
using Sofia.Cli.Demo;

namespace Sofia.Cli.Commands;

/// <summary>
/// <c>sofia demo</c>: every service in one process on the exchange simulator, an in-process bus and embedded storage
/// (or on real NATS and ClickHouse), on an accelerated clock, with a live view, a summary and an HTML report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error, bool interactive)
    {
        var defaults = new DemoOptions();
        var duration = new Option<double>("--duration") { Description = "Real seconds to run", DefaultValueFactory = _ => defaults.DurationSeconds };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (1440: a day in a minute)", DefaultValueFactory = _ => defaults.Speed };
        var symbols = new Option<string[]>("--symbols") { Description = "Markets to simulate and trade (comma or space separated)", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var exchanges = new Option<string[]>("--exchanges") { Description = "Exchanges the simulator serves: binance, bybit, okx, coinbase", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated market", DefaultValueFactory = _ => defaults.Seed };
        var tps = new Option<double>("--tps") { Description = "Trades per real second over all symbols", DefaultValueFactory = _ => defaults.TradesPerSecond };
        var outDir = new Option<string>("--out") { Description = "Folder of the HTML report", DefaultValueFactory = _ => defaults.OutputDirectory };
        var nats = new Option<string?>("--nats") { Description = "Run on this nats-server (nats://host:port) instead of the in-process bus" };
        var clickHouse = new Option<string?>("--clickhouse") { Description = "Store ticks and candles in this ClickHouse (http://host:8123) instead of in process" };
        var command = new Command("demo", "Run every Sofia service in one process on the exchange simulator and watch it trade.")
        {
            duration, speed, symbols, exchanges, seed, tps, outDir, nats, clickHouse,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DemoOptions options;
            try
            {
                options = new DemoOptions
                {
                    DurationSeconds = parse.GetValue(duration),
                    Speed = parse.GetValue(speed),
                    Symbols = Split(parse.GetValue(symbols)) ?? defaults.Symbols,
                    Exchanges = Split(parse.GetValue(exchanges)) ?? defaults.Exchanges,
                    Seed = parse.GetValue(seed),
                    TradesPerSecond = parse.GetValue(tps),
                    OutputDirectory = parse.GetValue(outDir) ?? defaults.OutputDirectory,
                    NatsUrl = Address(parse.GetValue(nats), "--nats"),
                    ClickHouseUrl = Address(parse.GetValue(clickHouse), "--clickhouse"),
                }.Validated();
            }
            catch (CliInputException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            return await new DemoRunner(options, output, error, interactive).RunAsync(cancellationToken);
        });
        return command;
    }

    private static string[]? Split(string[]? values) =>
        values is null or { Length: 0 } ? null : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static Uri? Address(string? text, string option) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri
        : throw new CliInputException($"{option}: '{text}' is not an absolute address");
}
