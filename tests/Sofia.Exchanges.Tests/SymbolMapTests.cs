using System.Text;

namespace Sofia.Exchanges.Tests;

public sealed class SymbolMapTests
{
    [TestCase(ExchangeNames.Binance, "BTC-USDT", "BTCUSDT")]
    [TestCase(ExchangeNames.Bybit, "BTC-USDT", "BTCUSDT")]
    [TestCase(ExchangeNames.Okx, "BTC-USDT", "BTC-USDT")]
    [TestCase(ExchangeNames.Coinbase, "BTC-USD", "BTC-USD")]
    public void Default_spelling_follows_each_exchange(string exchange, string canonical, string spelled)
    {
        var map = SymbolMap.ForExchange(exchange, [canonical]);

        Assert.That(map.ToExchange(canonical), Is.EqualTo(spelled));
        Assert.That(map.TryGetCanonical(Encoding.UTF8.GetBytes(spelled), out var back), Is.True);
        Assert.That(back, Is.SameAs(map.CanonicalSymbols[0]), "lookups return the one shared string");
    }

    [Test]
    public void Explicit_pairs_configure_unusual_spellings_and_both_cases_resolve()
    {
        var map = new SymbolMap(ExchangeNames.Binance, [new("BTC-USDT", "BTCUSDT"), new("BTC-USD", "BTCUSD")]);

        Assert.That(map.TryGetCanonical("btcusdt"u8, out var lower) && lower == "BTC-USDT", Is.True);
        Assert.That(map.TryGetCanonical("BTCUSD"u8, out var usd) && usd == "BTC-USD", Is.True);
        Assert.That(map.TryGetCanonical("ETHUSDT"u8, out _), Is.False);
    }

    [Test]
    public void Non_canonical_names_and_conflicts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new SymbolMap(ExchangeNames.Okx, [new("BTCUSDT", "BTC-USDT")]));
        Assert.Throws<ArgumentException>(() => _ = new SymbolMap(ExchangeNames.Okx, [new("BTC-USDT", "X"), new("ETH-USDT", "X")]));
        Assert.Throws<KeyNotFoundException>(() => SymbolMap.ForExchange(ExchangeNames.Okx, ["BTC-USDT"]).ToExchange("ETH-USDT"));
    }

    [Test]
    public void Many_symbols_all_resolve()
    {
        var symbols = Enumerable.Range(0, 3000).Select(i => $"C{i}-USDT").ToList();
        var map = SymbolMap.ForExchange(ExchangeNames.Bybit, symbols);

        Assert.That(symbols.All(s => map.TryGetCanonical(Encoding.UTF8.GetBytes(map.ToExchange(s)), out var c) && c == s), Is.True);
    }
}
