using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Trading.Portfolio;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// The periodic snapshots: the combined account (strategy empty) and one per strategy on <see cref="Subjects.Account"/>,
/// and each book's position on <see cref="Subjects.Position"/>. Reported figures, not state: rounded to fit the wire.
/// </summary>
internal static class PaperSnapshots
{
    public static List<(string Subject, IMessage Message)> Build(PaperTradingEngine engine, long timeUs)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var books = engine.Books.OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
        var positions = books.Select(b => Position(b, timeUs)).ToList();
        var combined = Account(string.Empty, engine.Account.Combined, timeUs, engine.KillSwitchEngaged);
        combined.Positions.AddRange(positions);
        combined.Drawdown = books.Count == 0 ? 0 : (double)books.Max(b => b.Risk.State.MaxDrawdown);
        combined.KFactor = books.Count == 0 ? 0 : (double)books.Average(b => b.Ramp.Factor);
        var snapshots = new List<(string, IMessage)> { (Subjects.Account, combined) };
        foreach (var strategy in books.GroupBy(b => b.Key.Strategy, StringComparer.Ordinal))
        {
            var ledgers = strategy.Select(b => b.Ledger).ToList();
            var cash = ledgers.Sum(l => l.Cash);
            var equity = ledgers.Sum(l => l.Equity);
            var gross = ledgers.Sum(l => l.GrossExposure);
            var snapshot = new AccountSnapshot
            {
                Strategy = strategy.Key,
                Cash = PaperMessages.Report(cash),
                Equity = PaperMessages.Report(equity),
                RealizedPnl = PaperMessages.Report(ledgers.Sum(l => l.RealizedPnl)),
                UnrealizedPnl = PaperMessages.Report(ledgers.Sum(l => l.UnrealizedPnl)),
                FeesPaid = PaperMessages.Report(ledgers.Sum(l => l.FeesPaid)),
                GrossLeverage = equity > 0m ? (double)(gross / equity) : 0,
                Drawdown = (double)strategy.Max(b => b.Risk.State.MaxDrawdown),
                KFactor = (double)strategy.Average(b => b.Ramp.Factor),
                KillSwitch = engine.KillSwitchEngaged,
                TimeUs = timeUs,
            };
            snapshot.Positions.AddRange(positions.Where(p => p.Strategy == strategy.Key));
            snapshots.Add((Subjects.Account, snapshot));
        }

        foreach (var position in positions)
        {
            snapshots.Add((Subjects.Position(position.Strategy, position.Symbol), position));
        }

        return snapshots;
    }

    private static AccountSnapshot Account(string strategy, Ledger ledger, long timeUs, bool killSwitch) => new()
    {
        Strategy = strategy,
        Cash = PaperMessages.Report(ledger.Cash),
        Equity = PaperMessages.Report(ledger.Equity),
        RealizedPnl = PaperMessages.Report(ledger.RealizedPnl),
        UnrealizedPnl = PaperMessages.Report(ledger.UnrealizedPnl),
        FeesPaid = PaperMessages.Report(ledger.FeesPaid),
        GrossLeverage = ledger.Equity > 0m ? (double)(ledger.GrossExposure / ledger.Equity) : 0,
        KillSwitch = killSwitch,
        TimeUs = timeUs,
    };

    private static PositionSnapshot Position(PaperBook book, long timeUs)
    {
        var position = book.Ledger.Find(book.Market);
        return new PositionSnapshot
        {
            Strategy = book.Key.Strategy,
            Exchange = book.Key.Exchange,
            Symbol = book.Key.Symbol,
            Quantity = PaperMessages.Exact(position?.Quantity ?? 0m),
            AveragePrice = PaperMessages.Report(position?.AveragePrice ?? 0m),
            MarkPrice = PaperMessages.Report(position?.MarkPrice ?? 0m),
            RealizedPnl = PaperMessages.Report(position?.RealizedPnl ?? 0m),
            UnrealizedPnl = PaperMessages.Report(position?.UnrealizedPnl ?? 0m),
            TimeUs = timeUs,
        };
    }
}
