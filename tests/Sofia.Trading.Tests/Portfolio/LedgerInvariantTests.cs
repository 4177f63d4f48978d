using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;

namespace Sofia.Trading.Tests.Portfolio;

/// <summary>
/// A long seeded sequence of fills (flips, partial closes, several strategies and symbols) checked at every step
/// against bookkeeping the test keeps itself: cash from the cash flows, quantities from the fills, and the exact
/// identities cash + Σ quantity · mark = equity = deposits + realized + unrealized − fees, per strategy and combined.
/// </summary>
public sealed class LedgerInvariantTests
{
    private static readonly string[] Strategies = ["trend", "meanrev", "breakout"];
    private static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT", "SOL-USDT"];

    [TestCase(42, 20_000)]
    [TestCase(7, 5_000)]
    public void Equity_identities_hold_exactly_at_every_step(int seed, int steps)
    {
        var random = new Random(seed);
        var account = new Account();
        var expectedCash = new Dictionary<string, decimal>();
        var expectedQuantity = new Dictionary<(string, string), decimal>();
        var marks = new Dictionary<string, decimal>();
        var prices = new Dictionary<string, decimal> { ["BTC-USDT"] = 30_000m, ["ETH-USDT"] = 2_000m, ["SOL-USDT"] = 25m };
        foreach (var strategy in Strategies)
        {
            var cash = 10_000m + random.Next(0, 100_000);
            account.AddStrategy(strategy, cash);
            expectedCash[strategy] = cash;
        }

        int flips = 0, partialCloses = 0;
        for (var step = 0; step < steps; step++)
        {
            var symbol = Symbols[random.Next(Symbols.Length)];
            var strategy = Strategies[random.Next(Strategies.Length)];
            prices[symbol] = Math.Max(0.01m, Math.Round(prices[symbol] * (1m + (random.Next(-200, 201) / 10_000m)), 2));
            if (random.Next(4) == 0)
            {
                account.Mark(symbol, prices[symbol]);
                marks[symbol] = prices[symbol];
            }
            else
            {
                var before = expectedQuantity.GetValueOrDefault((strategy, symbol));
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var quantity = random.Next(1, 5_000) / 1000m;
                if (before != 0m && random.Next(2) == 0)
                {
                    // Trade against the position: 0.1x to 2.9x of it, i.e. partial closes, exact closes and flips.
                    side = before > 0m ? OrderSide.Sell : OrderSide.Buy;
                    quantity = Math.Max(0.001m, Math.Round(Math.Abs(before) * random.Next(1, 30) / 10m, 3));
                }

                var price = prices[symbol];
                var fee = Math.Round(quantity * price * 0.00075m, 8);
                var signed = side == OrderSide.Buy ? quantity : -quantity;
                var after = before + signed;
                if (before != 0m && after != 0m && Math.Sign(before) != Math.Sign(after))
                {
                    flips++;
                }
                else if (before != 0m && after != 0m && Math.Abs(after) < Math.Abs(before))
                {
                    partialCloses++;
                }

                account.Apply(new Fill(step, strategy, symbol, side, quantity, price, fee, Liquidity.Taker, step, 0m));
                marks.TryAdd(symbol, price);
                expectedCash[strategy] -= (signed * price) + fee;
                expectedQuantity[(strategy, symbol)] = after;
            }

            AssertInvariants(account, expectedCash, expectedQuantity, marks, step);
        }

        Assert.Multiple(() =>
        {
            Assert.That(flips, Is.GreaterThan(steps / 20), "the sequence must include many flips");
            Assert.That(partialCloses, Is.GreaterThan(steps / 20), "the sequence must include many partial closes");
        });
    }

    private static void AssertInvariants(
        Account account,
        Dictionary<string, decimal> expectedCash,
        Dictionary<(string, string), decimal> expectedQuantity,
        Dictionary<string, decimal> marks,
        int step)
    {
        decimal sumEquity = 0m, sumCash = 0m, sumFees = 0m, sumPnl = 0m;
        foreach (var ledger in account.Strategies)
        {
            var marked = 0m;
            foreach (var symbol in Symbols)
            {
                var quantity = expectedQuantity.GetValueOrDefault((ledger.Name, symbol));
                if (ledger.PositionQuantity(symbol) != quantity)
                {
                    Assert.Fail($"step {step}: {ledger.Name} {symbol} quantity {ledger.PositionQuantity(symbol)} != {quantity}");
                }

                marked += quantity * marks.GetValueOrDefault(symbol);
            }

            var pnlView = ledger.Deposits + ledger.RealizedPnl + ledger.UnrealizedPnl - ledger.FeesPaid;
            if (ledger.Cash != expectedCash[ledger.Name] || ledger.Equity != ledger.Cash + marked || ledger.Equity != pnlView)
            {
                Assert.Fail($"step {step}: {ledger.Name} cash {ledger.Cash} (expected {expectedCash[ledger.Name]}), equity {ledger.Equity}, cash + marked {ledger.Cash + marked}, deposits + pnl − fees {pnlView}");
            }

            sumEquity += ledger.Equity;
            sumCash += ledger.Cash;
            sumFees += ledger.FeesPaid;
            sumPnl += ledger.RealizedPnl + ledger.UnrealizedPnl;
        }

        var combined = account.Combined;
        var combinedPnl = combined.RealizedPnl + combined.UnrealizedPnl;
        if (combined.Equity != sumEquity || combined.Cash != sumCash || combined.FeesPaid != sumFees || combinedPnl != sumPnl
            || combined.Equity != combined.Deposits + combinedPnl - combined.FeesPaid)
        {
            Assert.Fail($"step {step}: combined equity {combined.Equity} vs Σ {sumEquity}, cash {combined.Cash} vs Σ {sumCash}, fees {combined.FeesPaid} vs Σ {sumFees}, pnl {combinedPnl} vs Σ {sumPnl}");
        }
    }
}
