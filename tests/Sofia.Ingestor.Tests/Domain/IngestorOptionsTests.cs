using System.ComponentModel.DataAnnotations;
using Sofia.Ingestor.Options;

namespace Sofia.Ingestor.Tests.Domain;

public sealed class IngestorOptionsTests
{
    [Test]
    public void Flat_aliases_replace_the_lists()
    {
        var options = new IngestorOptions { Exchanges = ["binance", "bybit", "okx"], Symbols = ["BTC-USDT"] };

        options.ApplyFlatAliases("okx, coinbase", "ETH-USDT,BTC-USD");

        Assert.Multiple(() =>
        {
            Assert.That(options.Exchanges, Is.EqualTo((string[])["okx", "coinbase"]));
            Assert.That(options.Symbols, Is.EqualTo((string[])["ETH-USDT", "BTC-USD"]));
        });
    }

    [Test]
    public void Unset_aliases_leave_the_lists_alone()
    {
        var options = new IngestorOptions { Exchanges = ["binance"], Symbols = ["BTC-USDT"] };

        options.ApplyFlatAliases(null, " ");

        Assert.That(options.Exchanges, Is.EqualTo((string[])["binance"]));
    }

    [Test]
    public void Symbol_map_override_changes_one_exchange_spelling()
    {
        var options = new IngestorOptions
        {
            Exchanges = ["binance"],
            Symbols = ["BTC-USDT", "ETH-USDT"],
            SymbolMap = new Dictionary<string, IDictionary<string, string>> { ["binance"] = new Dictionary<string, string> { ["BTC-USDT"] = "BTCUSDT_TEST" } },
        };

        var map = options.SymbolMapFor("binance");

        Assert.Multiple(() =>
        {
            Assert.That(map.ToExchange("BTC-USDT"), Is.EqualTo("BTCUSDT_TEST"));
            Assert.That(map.ToExchange("ETH-USDT"), Is.EqualTo("ETHUSDT"));
        });
    }

    [Test]
    public void Validation_names_the_key_of_a_bad_endpoint_and_a_non_canonical_symbol()
    {
        var options = new IngestorOptions
        {
            Exchanges = ["binance"],
            Symbols = ["btcusdt"],
            Endpoints = new Dictionary<string, ExchangeEndpointOptions> { ["binance"] = new() { WebSocket = "not a uri" } },
        };

        var members = options.Validate(new ValidationContext(options)).SelectMany(r => r.MemberNames).ToList();

        Assert.That(members, Is.EquivalentTo((string[])["Symbols:0", "Endpoints:binance:WebSocket"]));
    }
}
