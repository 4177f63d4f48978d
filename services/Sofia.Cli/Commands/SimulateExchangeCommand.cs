using System.CommandLine;
using Sofia.ExchangeSimulator;

namespace Sofia.Cli.Commands;

/// <summary>
/// <c>sofia simulate-exchange</c>: a local server speaking Binance, Bybit, OKX and Coinbase's real protocols,
/// driven by a seeded market, for a locally run ingestor. Its options are the simulator's own
/// (<c>--port --seed --symbols --tps --exchanges --history --speed</c>) and are passed through unchanged.
/// </summary>
internal static class SimulateExchangeCommand
{
    public static Command Create()
    {
        var command = new Command(
            "simulate-exchange",
            "Run the exchange simulator: --port N --seed N --symbols BTC-USDT,ETH-USDT --tps N --exchanges binance,okx --history N --speed X")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, cancellationToken) =>
            SimulatorProgram.RunAsync([.. parse.UnmatchedTokens], cancellationToken));
        return command;
    }
}
