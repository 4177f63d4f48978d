using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Workers;
using Sofia.Trading.Portfolio;

namespace Sofia.PaperOms.Api;

/// <summary>What the read endpoints return, built under the state lock; money as exact decimals.</summary>
internal static class PaperViews
{
    public static object State(PaperTradingEngine engine, IReadOnlyList<MissingRecords> missingRecords) => new
    {
        mode = engine.TradingEnabled ? "paper" : "off",
        killSwitch = engine.KillSwitchEngaged,
        killSwitchReason = engine.KillSwitchReason,
        lastTickTimeUs = engine.LastTickTimeUs,
        // Empty unless records were lost in a double fault: the books named here were rebuilt without them.
        missingRecords = missingRecords.Select(m => new { book = m.Book, from = m.From, to = m.To }),
        account = LedgerView(engine.Account.Combined),
        books = engine.Books.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => new
        {
            strategy = b.Key.Strategy,
            exchange = b.Key.Exchange,
            symbol = b.Key.Symbol,
            kFactor = b.Ramp.Factor,
            kStage = b.Ramp.Stage,
            executedExposure = b.ExecutedExposure,
            pendingSignals = b.Pending.Count,
            openOrders = b.Orders.Count,
            dailyLoss = b.Risk.State.DailyLoss,
            drawdown = b.Risk.State.MaxDrawdown,
            ledger = LedgerView(b.Ledger),
        }),
    };

    public static object Account(PaperTradingEngine engine) => new
    {
        combined = LedgerView(engine.Account.Combined),
        strategies = engine.Books.GroupBy(b => b.Key.Strategy, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new
        {
            strategy = g.Key,
            cash = g.Sum(b => b.Ledger.Cash),
            equity = g.Sum(b => b.Ledger.Equity),
            realizedPnl = g.Sum(b => b.Ledger.RealizedPnl),
            unrealizedPnl = g.Sum(b => b.Ledger.UnrealizedPnl),
            feesPaid = g.Sum(b => b.Ledger.FeesPaid),
            fills = g.Sum(b => b.Ledger.FillCount),
        }),
    };

    public static object Positions(PaperTradingEngine engine) => new
    {
        positions = engine.Books.OrderBy(b => b.Id, StringComparer.Ordinal).Where(b => b.Quantity != 0m).Select(b =>
        {
            var position = b.Ledger.Find(b.Market)!;
            return new
            {
                strategy = b.Key.Strategy,
                exchange = b.Key.Exchange,
                symbol = b.Key.Symbol,
                quantity = position.Quantity,
                averagePrice = position.AveragePrice,
                markPrice = position.MarkPrice,
                unrealizedPnl = position.UnrealizedPnl,
                realizedPnl = position.RealizedPnl,
            };
        }),
    };

    public static object History(PaperTradingEngine engine, int limit) => new
    {
        fills = engine.History.Reverse().Take(limit),
    };

    private static object LedgerView(Ledger ledger) => new
    {
        cash = ledger.Cash,
        equity = ledger.Equity,
        deposits = ledger.Deposits,
        realizedPnl = ledger.RealizedPnl,
        unrealizedPnl = ledger.UnrealizedPnl,
        feesPaid = ledger.FeesPaid,
        grossExposure = ledger.GrossExposure,
        fills = ledger.FillCount,
    };
}
