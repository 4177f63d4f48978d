using System.Text;

namespace Sofia.Exchanges.Tests;

/// <summary>JSON members may come in any order: the payload before its topic or channel still parses.</summary>
public sealed class FieldOrderTests
{
    [TestCase(ExchangeNames.Bybit, """{"data":[{"i":"9","T":1672304486865,"p":"1.5","v":"2","S":"Sell","s":"BTCUSDT"}],"type":"snapshot","topic":"publicTrade.BTCUSDT"}""")]
    [TestCase(ExchangeNames.Okx, """{"data":[{"ts":"1672304486865","side":"sell","sz":"2","px":"1.5","tradeId":"9","instId":"BTC-USDT"}],"arg":{"instId":"BTC-USDT","channel":"trades"}}""")]
    [TestCase(ExchangeNames.Coinbase, """{"events":[{"trades":[{"time":"2022-12-29T09:01:26.865Z","side":"BUY","size":"2","price":"1.5","trade_id":"9","product_id":"BTC-USDT"}],"type":"update"}],"channel":"market_trades"}""")]
    [TestCase(ExchangeNames.Coinbase, """{"time":"2022-12-29T09:01:26.865Z","side":"buy","size":"2","price":"1.5","trade_id":9,"product_id":"BTC-USDT","type":"match"}""")]
    [TestCase(ExchangeNames.Binance, """{"data":{"m":true,"T":1672304486865,"q":"2","p":"1.5","t":9,"s":"BTCUSDT","e":"trade"},"stream":"btcusdt@trade"}""")]
    public void Payload_before_its_discriminator_parses_the_same(string exchange, string frame)
    {
        var adapter = Samples.Adapter(exchange, "BTC-USDT");
        var buffer = new ParsedTrade[2];

        var result = adapter.Parse(Encoding.UTF8.GetBytes(frame), 0, buffer);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Trades, 1)));
        Assert.Multiple(() =>
        {
            Assert.That(buffer[0].Symbol, Is.EqualTo("BTC-USDT"));
            Assert.That(buffer[0].TradeId, Is.EqualTo(9));
            Assert.That(buffer[0].Price, Is.EqualTo(1.5m));
            Assert.That(buffer[0].Quantity, Is.EqualTo(2m));
            Assert.That(buffer[0].AggressorSide, Is.EqualTo(Contracts.V1.Side.Sell));
            Assert.That(buffer[0].ExchangeTimeUs, Is.EqualTo(1_672_304_486_865_000));
        });
    }

    [TestCase(ExchangeNames.Bybit, """{"topic":"publicTrade.BTCUSDT","data":[{"i":"9","T":1,"p":"x","v":"2","S":"Sell","s":"BTCUSDT"}]}""", "p")]
    [TestCase(ExchangeNames.Okx, """{"arg":{"channel":"trades"},"data":[{"ts":"1","side":"sell","sz":"2","px":"1.5","tradeId":"9"}]}""", "instId")]
    [TestCase(ExchangeNames.Coinbase, """{"channel":"market_trades","events":[{"trades":[{"time":"2022-12-29T09:01:26.865Z","side":"BUY","size":"2","price":"1.5","product_id":"BTC-USDT"}]}]}""", "trade_id")]
    public void Bad_trade_in_the_single_pass_is_reported(string exchange, string frame, string field)
    {
        var result = Samples.Adapter(exchange, "BTC-USDT").Parse(Encoding.UTF8.GetBytes(frame), 0, new ParsedTrade[2]);

        Assert.That(result.Kind, Is.EqualTo(FrameKind.Malformed));
        Assert.That(result.Field, Is.EqualTo(field));
    }
}
