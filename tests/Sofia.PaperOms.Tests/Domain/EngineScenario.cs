using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;
using Sofia.Trading.Execution;
using Sofia.Trading.Risk;
using SignalDirection = Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.PaperOms.Tests.Domain;

/// <summary>Builders shared by the engine tests: one market, one-minute bars, times in seconds.</summary>
internal static class EngineScenario
{
    public const string Exchange = "binance";
    public const string Symbol = "BTC-USDT";
    public const long Second = 1_000_000;

    public static PaperEngineSettings Settings(RiskLimits? risk = null, IReadOnlyList<decimal>? stages = null) => new()
    {
        StartingCashPerBook = 10_000m,
        FillModel = new FillModel { TakerFeeBps = 10m, MakerFeeBps = 2m, SlippageBps = 5m },
        Risk = risk ?? new RiskLimits(),
        SizingFraction = 1m,
        Lot = new(0.001m, 0m),
        Ramp = new KFactorRampSettings { Stages = stages ?? [0.25m, 0.5m, 1m], GateDrawdown = 0m, GateLoss = 0m },
    };

    public static PaperSignal Signal(string strategy, long barSecond, SignalDirection direction, double strength = 1) =>
        new($"{strategy}:{Exchange}:{Symbol}:{barSecond * Second}", strategy, Exchange, Symbol, direction, strength, barSecond * Second, 60);

    public static PaperTick Tick(double second, decimal price, decimal quantity = 1000m) =>
        new(Exchange, Symbol, price, quantity, $"t{second}", (long)(second * Second), (long)(second * Second) + 100);

    public static List<Sofia.Contracts.V1.Fill> Fills(IEnumerable<PaperOutput> outputs) =>
        [.. outputs.Select(o => o.Message).OfType<Sofia.Contracts.V1.Fill>()];

    public static List<OrderEvent> Events(IEnumerable<PaperOutput> outputs) =>
        [.. outputs.Select(o => o.Message).OfType<OrderEvent>()];
}
