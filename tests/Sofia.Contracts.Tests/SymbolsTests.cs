namespace Sofia.Contracts.Tests;

public sealed class SymbolsTests
{
    [TestCase("BTCUSDT", "BTC-USDT")]
    [TestCase("btcusdt", "BTC-USDT")]
    [TestCase("BTC-USDT", "BTC-USDT")]
    [TestCase("BTC/USDT", "BTC-USDT")]
    [TestCase("btc_usdt", "BTC-USDT")]
    [TestCase(" eth-usdt ", "ETH-USDT")]
    [TestCase("XBT-USD", "BTC-USD")]
    [TestCase("XBTUSD", "BTC-USD")]
    [TestCase("BTC-USD", "BTC-USD")]
    [TestCase("ETHBTC", "ETH-BTC")]
    [TestCase("SOLFDUSD", "SOL-FDUSD")]
    [TestCase("XRPETH", "XRP-ETH")]
    [TestCase("1000PEPEUSDT", "1000PEPE-USDT")]
    [TestCase("ETH-EUR", "ETH-EUR")]
    public void Canonicalize_maps_exchange_spellings_to_base_dash_quote(string raw, string expected)
    {
        Assert.That(Symbols.Canonicalize(raw), Is.EqualTo(expected));
    }

    [TestCase("BTCXYZ", "known quote")]
    [TestCase("BTC-XYZ", "unknown quote currency 'XYZ'")]
    [TestCase("", "empty")]
    [TestCase("USDT", "known quote")]
    [TestCase("BTC-", "letters and digits")]
    [TestCase("-USDT", "letters and digits")]
    [TestCase("BTC$-USDT", "letters and digits")]
    public void Canonicalize_refuses_to_guess(string raw, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Symbols.Canonicalize(raw));
        Assert.That(error!.Message, Does.Contain(reason));
    }

    [Test]
    public void Split_returns_base_and_quote()
    {
        Assert.That(Symbols.Split("BTC-USDT"), Is.EqualTo(("BTC", "USDT")));
    }
}
