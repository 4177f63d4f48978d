using Sofia.Contracts.V1;
using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms.Tests.Domain;

/// <summary>
/// A grid alone on one market (no fusion, shorts allowed, 10 000 per book, maker fee 2 bps) and eight trades that
/// close three one-minute bars, each closing trade laying the grid out again, and three trades through a resting
/// limit. Used by the service tests (as ticks on the bus) and the replay tests.
/// </summary>
internal static class GridScenario
{
    public const string Book = "grid:binance:BTC-USDT";
    public const long Second = 1_000_000;

    /// <summary>Exchange time of the first bar's open (a minute boundary).</summary>
    public const long T0 = 1_700_000_040 * Second;

    public const string Plan = """
        bar_interval: 1m
        fusion: { enabled: false }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: grid, params: { levels: 2, spacing_bps: 100, order_fraction: 0.1, max_inventory: 0.5, rebalance_bars: 1000 } }
        """;

    /// <summary>Seconds after <see cref="T0"/> and prices: bar 0 closes at 100, bar 1 at 98.5, bar 2 at 99.6.</summary>
    public static readonly (double Second, decimal Price)[] Trades =
    [
        (0.5, 100m), (30, 100m), (60.5, 100m), (90, 98.5m), (120.5, 99m), (150, 99.6m), (180.5, 99.6m), (200, 98.5m),
    ];

    /// <summary>
    /// The fills, worked out by hand (maker fee = notional · 2 / 10 000, rounded to 8 decimals).
    /// At 60.5 (bar 0 closed at 100, equity 10 000, flat): per level 0.1 · 10 000 / 100 = 10; buys at 99 and 98, sells
    /// at 101 and 102 (shorts allowed: up to 0.5 · 10 000 / 100 = 50). At 90 the trade at 98.5 goes through 99: buy 10
    /// at 99, fee 990 · 0.0002 = 0.198. Cash 10 000 − 990 − 0.198 = 9009.802.
    /// At 120.5 (bar 1 closed at 98.5, position 10, equity 9009.802 + 985 = 9994.802) the position changed, so the
    /// three open orders are cancelled and the grid is laid out around 98.5: 999.4802 / 98.5 = 10.147007106…, cut to
    /// 8 decimals 10.14700710, buys at 97.515 and 96.53, sells at 99.485 and 100.47. At 150 the trade at 99.6 goes
    /// through 99.485: sell 10.14700710 at 99.485 = 1009.4750013435, fee 0.2018950002687 → 0.20189500. Cash
    /// 9009.802 + 1009.4750013435 − 0.201895 = 10 019.0751063435, position 10 − 10.1470071 = −0.1470071.
    /// At 180.5 (bar 2 closed at 99.6, equity 10 019.0751063435 − 0.1470071 · 99.6 = 10 004.4331991835) the three
    /// open orders are cancelled and the grid laid out around 99.6: 1000.44331991835 / 99.6 = 10.044611645…,
    /// 10.04461164; buys at 98.604 and 97.608, sells at 100.596 and 101.592. At 200 the trade at 98.5 goes through
    /// 98.604: buy 10.04461164 at 98.604 = 990.43888615056, fee 0.198087777230… → 0.19808778.
    /// </summary>
    public static readonly ExpectedFill[] Fills =
    [
        new($"{Book}:{T0}:order:0:fill:1", Side.Buy, 10m, 99m, 0.198m, T0 + (90 * Second)),
        new($"{Book}:{T0 + (60 * Second)}:order:1:fill:1", Side.Sell, 10.1470071m, 99.485m, 0.201895m, T0 + (150 * Second)),
        new($"{Book}:{T0 + (120 * Second)}:order:0:fill:1", Side.Buy, 10.04461164m, 98.604m, 0.19808778m, T0 + (200 * Second)),
    ];

    /// <summary>Cash after the three fills: 10 019.0751063435 − 990.43888615056 − 0.19808778.</summary>
    public const decimal FinalCash = 9028.43813241294m;

    /// <summary>Position after the three fills: −0.1470071 + 10.04461164.</summary>
    public const decimal FinalPosition = 9.89760454m;

    public static long TimeOf(double second) => T0 + (long)(second * Second);

    /// <summary>The trades as the engine sees them, numbered as the TICKS stream would number them.</summary>
    public static PaperTick[] Ticks() =>
        [.. Trades.Select((t, i) => new PaperTick("binance", "BTC-USDT", t.Price, 1000m, $"g{i + 1}", TimeOf(t.Second), TimeOf(t.Second) + 100, (ulong)i + 1))];

    public static ExpectedFill Of(Fill fill) =>
        new(fill.FillId, fill.Side, fill.Quantity.ToDecimal(), fill.Price.ToDecimal(), fill.Fee.ToDecimal(), fill.TimeUs);

    /// <summary>A fill as the tests compare it (decimals by value); every grid fill here is a maker fill.</summary>
    internal sealed record ExpectedFill(string FillId, Side Side, decimal Quantity, decimal Price, decimal Fee, long TimeUs);
}
