using System.Text;

namespace Sofia.Exchanges.Tests;

public sealed class MalformedFrameTests
{
    private static readonly string[] Exchanges = [ExchangeNames.Binance, ExchangeNames.Bybit, ExchangeNames.Okx, ExchangeNames.Coinbase];

    private static ExchangeAdapter Adapter(string exchange) =>
        Samples.Adapter(exchange, "BTC-USDT", "BNB-BTC", "ETH-USD", "ETH-USDT", "BTC-USD");

    [TestCaseSource(nameof(Exchanges))]
    public void Garbage_never_throws_and_is_malformed(string exchange)
    {
        var adapter = Adapter(exchange);
        var random = new Random(42);
        var buffer = new ParsedTrade[4];
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            var result = adapter.Parse(bytes, 0, buffer);
            Assert.That(result.Kind, Is.EqualTo(FrameKind.Malformed).Or.EqualTo(FrameKind.Unknown), Convert.ToHexString(bytes));
        }
    }

    [Test]
    public void Every_truncation_of_every_sample_is_handled_without_throwing()
    {
        var buffer = new ParsedTrade[16];
        foreach (var exchange in Exchanges)
        {
            var adapter = Adapter(exchange);
            foreach (var file in AllSamplesTests.SampleFiles.Where(f => f.StartsWith(exchange, StringComparison.Ordinal)))
            {
                var bytes = Samples.Bytes(file);
                var text = Encoding.UTF8.GetString(bytes).TrimEnd();
                for (var length = 0; length < text.Length; length++)
                {
                    var result = adapter.Parse(Encoding.UTF8.GetBytes(text[..length]), 0, buffer);
                    Assert.That(result.Kind, Is.Not.EqualTo(FrameKind.Trades), $"{file} cut at {length}");
                }
            }
        }
    }

    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":0.001,"q":"1","T":1,"m":true}""", FrameError.WrongType, "p")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":"1","p":"1","q":"1","T":1,"m":true}""", FrameError.WrongType, "t")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1,"m":"yes"}""", FrameError.WrongType, "m")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"q":"1","T":1,"m":true}""", FrameError.MissingField, "p")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"t":1,"p":"1","q":"1","T":1,"m":true}""", FrameError.MissingField, "s")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1e5","q":"1","T":1,"m":true}""", FrameError.InvalidDecimal, "p")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":-5,"m":true}""", FrameError.InvalidTimestamp, "T")]
    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"BTCUSDT","t":1,"\u0070":"1","q":"1","T":1,"m":true}""", FrameError.MissingField, "p")]
    [TestCase(ExchangeNames.Binance, """[1,2,3]""", FrameError.NotAnObject, null)]
    [TestCase(ExchangeNames.Binance, """{"e":"trade"} {"e":"trade"}""", FrameError.InvalidJson, null)]
    [TestCase(ExchangeNames.Bybit, """{"topic":"publicTrade.BTCUSDT","data":[{"T":1,"s":"BTCUSDT","S":"Hold","v":"1","p":"1","i":"x"}]}""", FrameError.InvalidSide, "S")]
    [TestCase(ExchangeNames.Bybit, """{"topic":"publicTrade.BTCUSDT","data":[{"T":1,"s":"BTCUSDT","S":"Buy","p":"1","i":"x"}]}""", FrameError.MissingField, "v")]
    [TestCase(ExchangeNames.Bybit, """{"topic":"publicTrade.BTCUSDT","data":[17]}""", FrameError.WrongType, "data")]
    [TestCase(ExchangeNames.Bybit, """{"topic":"publicTrade.BTCUSDT","data":{}}""", FrameError.MissingField, "data")]
    [TestCase(ExchangeNames.Okx, """{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"1","px":"1","sz":"1","side":"buy","ts":"x"}]}""", FrameError.InvalidTimestamp, "ts")]
    [TestCase(ExchangeNames.Okx, """{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","px":"1","sz":"1","side":"buy","ts":"1"}]}""", FrameError.MissingField, "tradeId")]
    [TestCase(ExchangeNames.Okx, """{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1","count":"0"}]}""", FrameError.InvalidNumber, "count")]
    [TestCase(ExchangeNames.Okx, "ping", FrameError.InvalidJson, null)]
    [TestCase(ExchangeNames.Coinbase, """{"channel":"market_trades","events":[{"type":"update","trades":[{"trade_id":"1","product_id":"BTC-USD","price":"1","size":"1","side":"BUY","time":"yesterday"}]}]}""", FrameError.InvalidTimestamp, "time")]
    [TestCase(ExchangeNames.Coinbase, """{"type":"match","trade_id":1,"product_id":"BTC-USD","price":"1","size":"1","time":"2020-01-31T20:03:41Z"}""", FrameError.MissingField, "side")]
    [TestCase(ExchangeNames.Coinbase, """{"channel":"market_trades","events":[{"trades":"none"}]}""", FrameError.WrongType, "trades")]
    public void Wrong_types_and_missing_fields_are_malformed_with_a_reason(string exchange, string frame, FrameError error, string? field)
    {
        var result = Adapter(exchange).Parse(Encoding.UTF8.GetBytes(frame), 0, new ParsedTrade[4]);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Malformed, Error: error, Field: field)));
    }

    [TestCase(ExchangeNames.Binance, """{"e":"trade","E":1,"s":"DOGEUSDT","t":1,"p":"1","q":"1","T":1,"m":true}""", "s")]
    [TestCase(ExchangeNames.Bybit, """{"topic":"publicTrade.DOGEUSDT","data":[{"T":1,"s":"DOGEUSDT","S":"Buy","v":"1","p":"1","i":"x"}]}""", "s")]
    [TestCase(ExchangeNames.Okx, """{"arg":{"channel":"trades","instId":"DOGE-USDT"},"data":[{"instId":"DOGE-USDT","tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1"}]}""", "instId")]
    [TestCase(ExchangeNames.Coinbase, """{"type":"match","trade_id":1,"product_id":"DOGE-USD","price":"1","size":"1","side":"buy","time":"2020-01-31T20:03:41Z"}""", "product_id")]
    public void Trade_for_a_symbol_outside_the_map_is_unknown(string exchange, string frame, string field)
    {
        var result = Adapter(exchange).Parse(Encoding.UTF8.GetBytes(frame), 0, new ParsedTrade[4]);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.Unknown, Error: FrameError.UnknownSymbol, Field: field)));
    }

    [TestCaseSource(nameof(Exchanges))]
    public void Empty_frame_and_unrecognised_object_are_reported(string exchange)
    {
        var adapter = Adapter(exchange);

        Assert.That(adapter.Parse([], 0, []).Error, Is.EqualTo(FrameError.Empty));
        Assert.That(adapter.Parse("""{"hello":"world"}"""u8, 0, []), Is.EqualTo(new FrameResult(FrameKind.Unknown, Error: FrameError.UnrecognizedMessage)));
    }

    [Test]
    public void Small_buffer_reports_the_size_needed()
    {
        var adapter = Adapter(ExchangeNames.Coinbase);

        var result = adapter.Parse(Samples.Bytes("coinbase_adv_market_trades_update_jkorf.json"), 0, new ParsedTrade[1]);

        Assert.That(result, Is.EqualTo(new FrameResult(FrameKind.BufferTooSmall, 2)));
    }
}
