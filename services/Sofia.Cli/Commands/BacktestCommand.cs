using System.CommandLine;
using Sofia.Trading.Backtesting;

namespace Sofia.Cli.Commands;

/// <summary>Declares <c>sofia backtest</c> and maps its options to a <see cref="BacktestRequest"/>.</summary>
internal static class BacktestCommand
{
    public static Command Create(TextWriter output, TextWriter error, bool interactive)
    {
        var data = new Option<string[]>("--data") { Description = "Bar file (CSV, Binance kline CSV or freqtrade JSON); repeat for multi-symbol strategies", Required = true, Arity = ArgumentArity.OneOrMore };
        var strategy = new Option<string>("--strategy") { Description = "Strategy name (see 'sofia strategies')", Required = true };
        var parameters = new Option<string[]>("--param") { Description = "Strategy parameter as name=value; repeatable", Arity = ArgumentArity.ZeroOrMore };
        var mode = new Option<string>("--mode") { Description = "long-only or long-short", DefaultValueFactory = _ => "long-only" };
        mode.AcceptOnlyFromAmong("long-only", "long-short");
        var fee = new Option<decimal>("--fee-bps") { Description = "Fee per fill, basis points of notional", DefaultValueFactory = _ => 10m };
        var slippage = new Option<decimal>("--slippage-bps") { Description = "Adverse slippage of market fills, basis points", DefaultValueFactory = _ => 0m };
        var capital = new Option<decimal>("--capital") { Description = "Starting cash, quote currency", DefaultValueFactory = _ => 10_000m };
        var report = new Option<string?>("--report") { Description = "Write an HTML report (equity and drawdown charts, trades) to this file" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON on stdout and nothing else" };
        var stream = new Option<bool>("--stream") { Description = "Stream a single-symbol file instead of loading it (memory independent of its length)" };
        var command = new Command("backtest", "Run a strategy over historical bars and report its performance.")
        {
            data, strategy, parameters, mode, fee, slippage, capital, report, json, stream,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new BacktestRequest
            {
                DataFiles = parse.GetValue(data) ?? [],
                Strategy = parse.GetValue(strategy) ?? string.Empty,
                Parameters = parse.GetValue(parameters) ?? [],
                Mode = parse.GetValue(mode) == "long-short" ? TradingMode.LongShort : TradingMode.LongOnly,
                FeeBps = parse.GetValue(fee),
                SlippageBps = parse.GetValue(slippage),
                Capital = parse.GetValue(capital),
                ReportPath = parse.GetValue(report),
                Json = parse.GetValue(json),
                Stream = parse.GetValue(stream),
            };
            return Task.FromResult(new BacktestHandler(output, error, interactive).Run(request, cancellationToken));
        });
        return command;
    }
}
