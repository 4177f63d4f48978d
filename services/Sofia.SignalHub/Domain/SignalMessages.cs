using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Signals;
using Sofia.Trading;
using CoreDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.SignalHub.Domain;

/// <summary>Between the wire (protobuf) and the engine.</summary>
internal static class SignalMessages
{
    public const string SignalType = "sofia.v1.Signal";

    /// <summary>The trade as the engine sees it; exact decimals become the core's doubles here.</summary>
    public static TradeTick ToTradeTick(Tick tick) => new(
        tick.ExchangeTimeUs,
        (double)(tick.Price?.ToDecimal() ?? 0m),
        (double)(tick.Quantity?.ToDecimal() ?? 0m),
        tick.AggressorSide == Side.Buy);

    /// <summary>Null when the tick can be fed, else why not.</summary>
    public static string? Problem(Tick tick) =>
        string.IsNullOrEmpty(tick.Exchange) || string.IsNullOrEmpty(tick.Symbol) ? "exchange or symbol is missing"
        : tick.Price is null || tick.Price.ToDecimal() <= 0m ? "price is missing or not positive"
        : tick.Quantity is null || tick.Quantity.ToDecimal() < 0m ? "quantity is missing or negative"
        : tick.ExchangeTimeUs <= 0 ? "exchange time is missing"
        : null;

    public static Signal ToProto(StrategySignal signal, long emittedUs) => new()
    {
        SignalId = signal.Id,
        Strategy = signal.Strategy,
        Exchange = signal.Exchange,
        Symbol = signal.Symbol,
        Direction = signal.Direction switch
        {
            CoreDirection.Long => SignalDirection.Long,
            CoreDirection.Short => SignalDirection.Short,
            _ => SignalDirection.Flat,
        },
        Strength = signal.Strength,
        Confidence = signal.Confidence,
        Reason = signal.Reason,
        BarTimeUs = signal.BarOpenTimeUs,
        BarIntervalSeconds = signal.BarIntervalSeconds,
        BarClose = DecimalValue.FromDecimal((decimal)signal.BarClose),
        EmittedTimeUs = emittedUs,
    };

    /// <summary>The subject a signal is published on.</summary>
    public static string SubjectOf(StrategySignal signal) => Subjects.Signal(signal.Strategy, signal.Symbol);
}
